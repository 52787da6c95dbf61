import { StudioError } from '../errors'
import type { ColumnProfile, TableProfile } from '../table/profile/profile'
import type { CategoryColumn, Column, Table } from '../types'
import { proposeNumberText } from './propose-numbers'
import { proposeRange } from './propose-rules'
import { proposeTextStandardization } from './propose-text'
import { findDuplicates } from './step-dedupe'
import { transformLevelsCore } from './text-core'
import { sourceSchema } from './source-schema'
import { RECIPE_FORMAT, recipeVersion, type CleaningRecipe, type CleaningStep, type ValidationRule } from './types'
import { examples, isMissingText, parseNumber } from './values'

/** Rows with more than this share of missing cells are proposed for removal. */
const SPARSE_ROW_SHARE = 0.5
/** A text column is proposed for conversion to numbers when at least this share of its cells are numbers. */
const NUMERIC_SHARE = 0.95

/**
 * What the studio suggests from a table and its profile, in this order:
 * 1. drop rows whose target is missing (when `target` is given and has gaps);
 * 2. drop rows that are mostly empty (over half their cells missing), if any;
 * 3. convert to numbers a text column that is at least 95% numbers, and to
 *    categories a number column of a few whole-number codes whose name says
 *    it names groups (ethnicity, site, …: NOMINAL_CODE_NAMES); convert text
 *    with one consistent unit ("70 kg", "6%") or a decimal comma ("3,5"), and
 *    split pairs ("120/80") into two number columns (propose-numbers.ts);
 * 4. one standardize-text step per category column whose spellings differ
 *    only by case, spaces or a known abbreviation (propose-text.ts);
 * 5. one validate step with range rules from clinical knowledge by column name
 *    and from the data (propose-rules.ts);
 * 6. dedupe on all columns when rows repeat (after the spelling fixes).
 * Identifier, constant and sparse columns are NOT dropped: the feature
 * pipeline already leaves identifiers and constants out, and the user may want
 * them (to join results back, or because missingness is informative).
 * Every step and rule gets a stable id and a one-line reason.
 *
 * With `decimalCommaColumns` (the reader's finding, see decimalCommaColumns)
 * the recipe carries its source schema, as one the Clean page saves; without
 * it the proposal cannot know which numbers had a decimal comma and leaves
 * the schema out.
 */
export function proposeRecipe(table: Table, profile: TableProfile, target?: string, decimalCommaColumns?: readonly string[]): CleaningRecipe {
  const profiles = new Map<string, ColumnProfile>(profile.columns.map((c) => [c.name, c]))
  const ids = new IdMaker()
  const steps: CleaningStep[] = []
  if (target !== undefined && !table.columns.some((c) => c.name === target)) {
    throw new StudioError('recipe-unknown-target', `recipe: target "${target}" is not a column of "${table.name}"`)
  }
  const targetColumn = table.columns.find((c) => c.name === target)
  if (targetColumn) {
    const missing = countMissing(targetColumn)
    if (missing > 0) {
      steps.push({
        id: ids.make('drop-missing-target'), kind: 'drop-missing-target', column: targetColumn.name,
        reason: `${targetColumn.name} is missing in ${missing} of ${table.rowCount} rows; a row without a target can neither train nor test a model`,
      })
    }
  }
  const sparse = countSparseRows(table)
  if (sparse > 0) {
    steps.push({
      id: ids.make('drop-sparse-rows'), kind: 'drop-sparse-rows', maxMissingShare: SPARSE_ROW_SHARE,
      reason: `${sparse} rows have more than half of their cells missing; they carry too little to learn from`,
    })
  }
  // Columns as they will be after conversion and standardisation, for the rules and the duplicate check.
  const numeric = new Map<string, Float64Array>()
  const afterText = new Map<string, Column>()
  const taken = new Set(table.columns.map((c) => c.name))
  for (const column of table.columns) {
    if (column.type === 'number') {
      const coded = proposeCategoryCodes(column, profiles.get(column.name)?.kind)
      if (coded) {
        // No range rules for it: the validate step runs after the conversion, on categories.
        steps.push({ id: ids.make(`convert-${column.name}`), kind: 'convert', column: column.name, to: 'category', reason: coded })
        continue
      }
      numeric.set(column.name, column.values)
      continue
    }
    const kind = profiles.get(column.name)?.kind
    if (kind === 'text' || kind === 'constant' || kind === 'date') continue
    const converted = kind === 'identifier' ? null : proposeConversion(column)
    if (converted) {
      steps.push({ id: ids.make(`convert-${column.name}`), kind: 'convert', column: column.name, to: 'number', reason: converted.reason })
      numeric.set(column.name, converted.values)
      continue
    }
    // Units, decimal commas and pairs: an identifier-like column of unique weights ("71.3 kg") is still a measurement.
    const numbers = proposeNumberText(column, kind, (base) => ids.make(base), taken)
    if (numbers) {
      steps.push(numbers.step)
      if (numbers.values) numeric.set(column.name, numbers.values)
      continue
    }
    if (kind === 'identifier') continue
    const text = proposeTextStandardization(column)
    if (!text) continue
    const how =
      text.case === 'none' ? 'trim surrounding spaces'
        : text.case === 'upper' ? 'trim and upper-case'
          : text.keepsSpelling ? 'trim, compare ignoring case and keep the most common spelling'
            : 'trim and lower-case'
    const read = text.aliases.slice(0, 4).map(([from, to]) => `${from} as ${to}`)
    const more = text.aliases.length > 4 ? ` and ${text.aliases.length - 4} more` : ''
    steps.push({
      id: ids.make(`standardize-${column.name}`), kind: 'standardize-text', columns: [column.name], trim: true, case: text.case, valueMap: text.valueMap,
      reason: `${column.name} has ${text.spellings} spellings of ${text.values} values (e.g. ${examples(text.examples)}): ${how}${read.length ? `; read ${read.join(', ')}${more}` : ''}`,
    })
    afterText.set(column.name, recodeLike(column, { trim: true, case: text.case, valueMap: text.valueMap }))
  }
  const rules: ValidationRule[] = []
  for (const [name, values] of numeric) {
    // Domain rules apply whatever the profile guessed: a small file's UPDRS can look like an identifier (all unique integers).
    const kind = profiles.get(name)?.kind
    const proposal = proposeRange(name, values, kind !== 'identifier' && kind !== 'constant')
    if (proposal) rules.push({ id: ids.make(`${name}-range`), ...proposal.rule })
  }
  if (rules.length > 0) {
    steps.push({ id: ids.make('validate-ranges'), kind: 'validate', rules, reason: 'impossible values from entry errors, checked against clinical ranges and the data' })
  }
  const columns = table.columns.map((c) => afterText.get(c.name) ?? (numeric.has(c.name) ? { name: c.name, type: 'number' as const, values: numeric.get(c.name) as Float64Array } : c))
  const all = new Int32Array(table.rowCount).map((_, i) => i)
  const duplicates = findDuplicates(columns, all).filter((j) => j >= 0).length
  if (duplicates > 0) {
    steps.push({
      id: ids.make('dedupe'), kind: 'dedupe', columns: null,
      reason: `${duplicates} rows repeat an earlier row in every column${afterText.size > 0 ? ' (after the spelling fixes)' : ''}; a repeated record counts twice in training and can leak into the test set`,
    })
  }
  const schema = decimalCommaColumns === undefined ? {} : { sourceSchema: sourceSchema(table.columns, decimalCommaColumns) }
  return { format: RECIPE_FORMAT, version: recipeVersion(steps), sourceColumns: table.columns.map((c) => c.name), ...schema, steps }
}

/**
 * Column names that say their number codes name groups rather than amounts.
 * Only these are proposed for conversion: codes such as education level or a
 * symptom score are ordered, and a model does well to keep them as numbers.
 */
const NOMINAL_CODE_NAMES = /ethnic|race|racial|nationality|country|region|site|centre|center|hospital|clinic|ward|marital|occupation|religion|blood ?(type|group)|language|insurance/i
/** How many distinct codes a nominal number column may have to be proposed (two are a yes/no flag, fine as a number). */
const MIN_CODES = 3
const MAX_CODES = 20

/** The reason to treat a number column as categories, or null: a nominal name and a few whole-number codes. */
function proposeCategoryCodes(column: Extract<Column, { type: 'number' }>, kind: string | undefined): string | null {
  if (!NOMINAL_CODE_NAMES.test(column.name) || kind === 'identifier' || kind === 'constant') return null
  const codes = new Set<number>()
  let present = 0
  for (const v of column.values) {
    if (Number.isNaN(v)) continue
    if (!Number.isInteger(v)) return null
    present++
    codes.add(v)
    if (codes.size > MAX_CODES) return null
  }
  if (present < 20 || codes.size < MIN_CODES) return null
  const sorted = [...codes].sort((a, b) => a - b)
  return `${column.name} holds ${codes.size} whole-number codes (${sorted.slice(0, 6).join(', ')}${codes.size > 6 ? ', …' : ''}) that name groups, not amounts; as categories a model reads no order into them`
}

/** A conversion to numbers when nearly every cell is a number, with its values. */
function proposeConversion(column: CategoryColumn): { values: Float64Array; reason: string } | null {
  const byLevel = column.levels.map((level) => parseNumber(level))
  let present = 0, numbers = 0
  for (const code of column.codes) {
    if (code < 0) continue
    present++
    if (!Number.isNaN(byLevel[code])) numbers++
  }
  if (present < 20 || numbers === present || numbers < NUMERIC_SHARE * present) return null
  const values = new Float64Array(column.codes.length)
  column.codes.forEach((code, i) => (values[i] = code < 0 ? NaN : byLevel[code]))
  const bad = column.levels.filter((level, k) => Number.isNaN(byLevel[k]) && !isMissingText(level))
  return {
    values,
    reason: `${column.name} is text only because ${present - numbers} of ${present} values are not numbers (e.g. ${examples(bad)}); converted, those become missing`,
  }
}

function recodeLike(column: CategoryColumn, rule: { trim: boolean; case: 'lower' | 'upper' | 'none'; valueMap: Record<string, string> }): CategoryColumn {
  const texts = transformLevelsCore(column.levels, rule)
  const index = new Map<string, number>()
  const remap = texts.map((t) => {
    if (isMissingText(t)) return -1
    if (!index.has(t)) index.set(t, index.size)
    return index.get(t) as number
  })
  return { name: column.name, type: 'category', codes: column.codes.map((c) => (c < 0 ? -1 : remap[c])), levels: [...index.keys()] }
}

function countMissing(column: Column): number {
  let n = 0
  if (column.type === 'number') for (const v of column.values) n += Number.isNaN(v) ? 1 : 0
  else for (const c of column.codes) n += c < 0 ? 1 : 0
  return n
}

function countSparseRows(table: Table): number {
  const missing = new Int32Array(table.rowCount)
  for (const column of table.columns) {
    if (column.type === 'number') column.values.forEach((v, i) => (missing[i] += Number.isNaN(v) ? 1 : 0))
    else column.codes.forEach((c, i) => (missing[i] += c < 0 ? 1 : 0))
  }
  let n = 0
  for (const m of missing) if (m / table.columns.length > SPARSE_ROW_SHARE) n++
  return n
}

/** Stable, readable, unique ids: "standardize-gender", "edss-range", then "-2", "-3"… on a clash. */
class IdMaker {
  private readonly used = new Set<string>()

  make(base: string): string {
    const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'step'
    let id = slug
    for (let k = 2; this.used.has(id); k++) id = `${slug}-${k}`
    this.used.add(id)
    return id
  }
}
