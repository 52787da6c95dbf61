import type { CategoryColumn, NumericColumn } from '../types'
import { StepProblem } from './recipe-error'
import { exampleRows, plural, PreviewCollector, type StepOutcome } from './step-report'
import type { CleaningStep } from './types'
import { BOOLEAN_LEVELS, describeUnit, examples, isMissingText, numberText, numberWording, parseBoolean, readNumber } from './values'
import type { WorkingTable } from './working-table'

/*
 * Conversions run in core, one decision per level of the dictionary then one
 * lookup per cell. danfojs' Series.asType('float32') turns a blank into 0 (a
 * blank must stay missing) and rounds to float32, so it cannot be used here.
 *
 * The canonical boolean is a category column with levels exactly ["no", "yes"]
 * (values.ts says why). yes/y/true/t/1/positive/pos/+ become "yes",
 * no/n/false/f/0/negative/neg/- become "no", case and spaces ignored; numbers 1
 * and 0 likewise. Anything else becomes missing and is counted as failed.
 *
 * Conversion to numbers reads plain numbers, or with `decimalComma` numbers
 * written the European way ("3,5", "1.234,5"; then "3.5" fails: the option
 * says which style the column uses). With `unit` it strips that unit, compared
 * ignoring case ("70 kg" → 70), reads a bare number as already in that unit,
 * fails any other unit ("154 lb" becomes missing, counted), and records
 * "unit: kg" in the column's description. A percentage stays in percent
 * ("6%" → 6, not 0.06): it reads as the clinician wrote it, matches columns
 * exported without the sign, and the description says "unit: %".
 */

type ConvertStep = Extract<CleaningStep, { kind: 'convert' }>

/** Converts one column to numbers, categories or the canonical boolean. */
export function convert(work: WorkingTable, step: ConvertStep): StepOutcome {
  const column = work.require(step.column)
  if (step.to === 'number') {
    if (column.type === 'number') {
      if (step.unit === undefined) return unchanged(`${column.name} already holds numbers`)
      work.replace({ ...column, description: describeUnit(column.description, step.unit) }, true)
      return unchanged(`${column.name} already holds numbers; its unit is recorded as ${step.unit}`)
    }
    return textToNumber(work, column, step)
  }
  if (step.to === 'category') {
    if (column.type === 'category') return unchanged(`${column.name} already holds categories`)
    return numberToCategory(work, column)
  }
  return toBoolean(work, column)
}

function unchanged(line: string): StepOutcome {
  return { affectedRows: 0, preview: [], details: [line], failedConversions: 0, engine: 'core' }
}

function textToNumber(work: WorkingTable, column: CategoryColumn, step: ConvertStep): StepOutcome {
  const readings = column.levels.map((level) => readNumber(level, step))
  const byLevel = readings.map((r) => r.value)
  // A level is "changed" when its value reads differently as a number ("007" → 7); "failed" when it is lost.
  const failedLevel = column.levels.map((level, k) => Number.isNaN(byLevel[k]) && !isMissingText(level))
  const changedLevel = column.levels.map((level, k) => failedLevel[k] || (!Number.isNaN(byLevel[k]) && numberText(byLevel[k]) !== level.trim()) || isMissingText(level))
  const values = new Float64Array(work.source.rowCount).fill(NaN)
  const rows = work.rows
  let failed = 0, converted = 0, affected = 0, bare = 0
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]
    const code = column.codes[p]
    if (code < 0) continue
    values[p] = byLevel[code]
    if (failedLevel[code]) failed++
    else if (!Number.isNaN(byLevel[code])) {
      converted++
      if (!readings[code].hadUnit) bare++
    }
    if (changedLevel[code]) affected++
  }
  const failedExamples = column.levels.filter((_, k) => failedLevel[k])
  const wording = numberWording(step)
  if (converted === 0 && failed > 0) {
    throw new StepProblem(
      'recipe-conversion-failed',
      `none of the ${failed} values of "${column.name}" is ${wording.one} (e.g. ${examples(failedExamples)}); converting would leave the column empty`,
    )
  }
  const preview = new PreviewCollector()
  for (const p of exampleRows(column.codes, rows, changedLevel)) {
    const code = column.codes[p]
    preview.add(p, column.name, column.levels[code], Number.isNaN(byLevel[code]) ? null : numberText(byLevel[code]))
  }
  const result: NumericColumn = { name: column.name, type: 'number', values }
  if (step.unit !== undefined) result.description = describeUnit(column.description, step.unit)
  work.replace(result)
  const details = [`${column.name}: ${plural(converted, 'value')} converted to numbers${step.decimalComma ? ' (decimal comma)' : ''}`]
  if (step.unit !== undefined) {
    details.push(`unit "${step.unit}" removed from the values and kept in the column's description`)
    if (bare > 0) details.push(`${plural(bare, 'value')} had no unit and ${bare === 1 ? 'was' : 'were'} read as ${step.unit}`)
  }
  if (failed > 0) details.push(`${plural(failed, 'value')} could not be read as ${wording.many} and became missing (e.g. ${examples(failedExamples)})`)
  return { affectedRows: affected, preview: preview.sorted(), details, failedConversions: failed, engine: 'core' }
}

function numberToCategory(work: WorkingTable, column: NumericColumn): StepOutcome {
  const rows = work.rows
  const distinct = new Set<number>()
  for (let i = 0; i < rows.length; i++) {
    const v = column.values[rows[i]]
    if (!Number.isNaN(v)) distinct.add(v === 0 ? 0 : v)
  }
  const sorted = [...distinct].sort((a, b) => a - b)
  const index = new Map(sorted.map((v, k) => [v, k]))
  const codes = new Int32Array(work.source.rowCount).fill(-1)
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]
    const v = column.values[p]
    if (!Number.isNaN(v)) codes[p] = index.get(v === 0 ? 0 : v) as number
  }
  work.replace({ name: column.name, type: 'category', codes, levels: sorted.map(numberText) })
  return {
    affectedRows: 0,
    preview: [],
    details: [`${column.name}: ${plural(sorted.length, 'distinct number')} became categories (values unchanged)`],
    failedConversions: 0,
    engine: 'core',
  }
}

function toBoolean(work: WorkingTable, column: CategoryColumn | NumericColumn): StepOutcome {
  const rows = work.rows
  const codes = new Int32Array(work.source.rowCount).fill(-1)
  const preview = new PreviewCollector()
  let failed = 0, converted = 0, affected = 0
  const failedExamples: string[] = []
  if (column.type === 'number') {
    for (let i = 0; i < rows.length; i++) {
      const p = rows[i]
      const v = column.values[p]
      if (Number.isNaN(v)) continue
      const b = v === 1 ? 1 : v === 0 ? 0 : -1
      codes[p] = b
      affected++
      if (b < 0) {
        failed++
        if (failedExamples.length < 3) failedExamples.push(numberText(v))
      } else converted++
      preview.add(p, column.name, numberText(v), b < 0 ? null : BOOLEAN_LEVELS[b])
    }
  } else {
    const byLevel = column.levels.map((level) => (isMissingText(level) ? -1 : parseBoolean(level)))
    const failedLevel = column.levels.map((level, k) => byLevel[k] < 0 && !isMissingText(level))
    const changedLevel = column.levels.map((level, k) => byLevel[k] < 0 || BOOLEAN_LEVELS[byLevel[k]] !== level)
    failedExamples.push(...column.levels.filter((_, k) => failedLevel[k]))
    for (let i = 0; i < rows.length; i++) {
      const p = rows[i]
      const code = column.codes[p]
      if (code < 0) continue
      codes[p] = byLevel[code]
      if (failedLevel[code]) failed++
      else if (byLevel[code] >= 0) converted++
      if (changedLevel[code]) affected++
    }
    for (const p of exampleRows(column.codes, rows, changedLevel)) {
      const b = byLevel[column.codes[p]]
      preview.add(p, column.name, column.levels[column.codes[p]], b < 0 ? null : BOOLEAN_LEVELS[b])
    }
  }
  if (converted === 0 && failed > 0) {
    throw new StepProblem(
      'recipe-conversion-failed',
      `none of the ${failed} values of "${column.name}" is a yes/no value (e.g. ${examples(failedExamples)}); converting would leave the column empty`,
    )
  }
  work.replace({ name: column.name, type: 'category', codes, levels: [...BOOLEAN_LEVELS] })
  work.booleans.add(column.name)
  const details = [`${column.name}: ${plural(converted, 'value')} read as yes/no (levels "no", "yes")`]
  if (failed > 0) details.push(`${plural(failed, 'value')} ${failed === 1 ? 'is not a yes/no value' : 'are not yes/no values'} and became missing (e.g. ${examples(failedExamples)})`)
  return { affectedRows: affected, preview: preview.sorted(), details, failedConversions: failed, engine: 'core' }
}
