import { StudioError } from '../../errors'
import { foldedValueMap, type TextRule } from '../../clean/text-core'
import type { CleaningStep } from '../../clean/types'
import { booleanText, endsWithUnit, isMissing, jsTrim, numberIn, unitClasses } from './expressions'
import { numberTextColumns } from './number-text'
import type { QueryBuilder } from './query'
import type { StepContext } from './steps-rows'
import type { WorkColumn } from './types'

/*
 * The steps that change values (step-convert.ts, step-split.ts,
 * step-text.ts) as CTEs. The studio decides once per distinct text and
 * looks cells up; SQL decides per cell with the same rules, which gives the
 * same values.
 */

type Step<K extends CleaningStep['kind']> = Extract<CleaningStep, { kind: K }>

export function convert(ctx: StepContext, step: Step<'convert'>): void {
  const { q, sourceColumns, label } = ctx
  const column = q.require(step.column, sourceColumns, label)
  if (step.to === 'number') {
    if (column.type === 'number') return
    const value = readNumberColumn(q, column, { decimalComma: step.decimalComma === true, unit: step.unit }, label)
    q.add(q.carry(new Map([[column.ref, value]])), { comment: `${label}: "${column.name}" to numbers` })
    column.type = 'number'
    return
  }
  if (step.to === 'category') {
    if (column.type === 'text') return
    numberTextColumns(q, [column.ref], `${label}: "${column.name}" to categories`)
    column.type = 'text'
    return
  }
  const value = column.type === 'number' ? `CASE WHEN ${column.ref} = 1 THEN 'yes' WHEN ${column.ref} = 0 THEN 'no' END` : booleanText(q.d, column.ref)
  q.add(q.carry(new Map([[column.ref, value]])), { comment: `${label}: "${column.name}" to yes/no` })
  column.type = 'text'
}

/** A unit's regular expression, or the refusal naming it. */
function unitPattern(unit: string, label: string): string {
  const pattern = unitClasses(unit)
  if (pattern === null) {
    throw new StudioError('sql/unit-not-portable', `sql: ${label}: the unit ${JSON.stringify(unit)} cannot be matched ignoring case the way the studio does in SQL (it holds a sigma, a character outside the basic plane, or one whose lower case is longer); remove the unit from this step`)
  }
  return pattern
}

/**
 * readNumber of a text column (values.ts): adds a CTE holding the trimmed
 * text, and returns the expression of the number. With a unit: a cell ending
 * with it (ignoring case) is read from the text before it, which must end
 * with a digit; any other cell is read as a bare number.
 */
function readNumberColumn(q: QueryBuilder, column: WorkColumn, options: { decimalComma: boolean; unit?: string }, label: string): string {
  const d = q.d
  if (options.unit === undefined) return numberIn(d, column.ref, options.decimalComma)
  const pattern = unitPattern(options.unit, label)
  const n = options.unit.length
  const t = q.temp(), before = q.temp()
  q.add([...q.carry(), `${jsTrim(d, column.ref)} AS ${t}`], { comment: `${label}: "${column.name}" trimmed` })
  q.add([...q.carry(), t, `CASE WHEN ${endsWithUnit(d, t, pattern, n)} THEN ${jsTrim(d, `left(${t}, length(${t}) - ${n})`)} END AS ${before}`], {
    comment: `${label}: the text before the unit ${JSON.stringify(options.unit)}, where a cell ends with it`,
  })
  return `CASE WHEN ${t} IS NULL THEN NULL WHEN ${before} IS NOT NULL THEN (CASE WHEN ${d.fullMatch(`right(${before}, 1)`, '[0-9]')} THEN ${numberIn(d, before, options.decimalComma)} END) ELSE ${numberIn(d, t, options.decimalComma)} END`
}

/**
 * parseCompound per cell: trim, strip the unit when the cell ends with it,
 * split at the separator (literally, as String.prototype.split), and read
 * each piece as a number; a cell that does not give exactly `into.length`
 * numbers gives NULL in every new column.
 */
export function split(ctx: StepContext, step: Step<'split'>): void {
  const { q, sourceColumns, label } = ctx
  const d = q.d
  const column = q.require(step.column, sourceColumns, label)
  if (column.type === 'number') {
    throw new StudioError('sql/split-type', `sql: ${label}: "${column.name}" holds numbers, not text such as "120/80"; there is nothing to split`)
  }
  const taken = step.into.filter((name) => q.columns.some((c) => c.name === name))
  if (taken.length > 0) throw new StudioError('sql/split-clash', `sql: ${label}: a column called ${taken.map((n) => `"${n}"`).join(', ')} already exists; give the new column another name`)
  const t = q.temp(), text = q.temp()
  q.add([...q.carry(), `${jsTrim(d, column.ref)} AS ${t}`], { comment: `${label}: "${column.name}" trimmed` })
  let stripped = t
  if (step.unit !== undefined) {
    const pattern = unitPattern(step.unit, label)
    const n = step.unit.length
    stripped = `CASE WHEN ${endsWithUnit(d, t, pattern, n)} THEN ${jsTrim(d, `left(${t}, length(${t}) - ${n})`)} ELSE ${t} END`
  }
  q.add([...q.carry(), `${stripped} AS ${text}`], { comment: `${label}: the text to split${step.unit !== undefined ? ` without the unit ${JSON.stringify(step.unit)}` : ''}` })
  const sep = d.text(step.separator)
  const count = q.temp()
  const pieces = step.into.map(() => q.temp())
  q.add([
    ...q.carry(),
    `(length(${text}) - length(replace(${text}, ${sep}, ''))) / length(${sep}) + 1 AS ${count}`,
    ...pieces.map((p, j) => `${numberIn(d, `split_part(${text}, ${sep}, ${j + 1})`, step.decimalComma === true)} AS ${p}`),
  ], { comment: `${label}: the pieces as numbers` })
  const ok = [`${count} = ${step.into.length}`, ...pieces.map((p) => `${p} IS NOT NULL`)].join(' AND ')
  const created: WorkColumn[] = step.into.map((name) => ({ name, ref: q.alias(), type: 'number' }))
  const items = q.columns.flatMap((c) => (c.ref === column.ref ? created.map((n, j) => `CASE WHEN ${ok} THEN ${pieces[j]} END AS ${n.ref}`) : [c.ref]))
  q.add(items, { comment: `${label}: "${column.name}" split into ${step.into.map((n) => `"${n}"`).join(', ')}` })
  const at = q.columns.indexOf(column)
  q.columns.splice(at, 1, ...created)
}

/**
 * standardize-text per cell: trim (String.prototype.trim), fold case
 * (toLowerCase/toUpperCase), look the result up in the value map with keys
 * folded the same way (folded here, in JavaScript, as the studio folds them),
 * and make a blank or missing-token result NULL.
 */
export function standardizeText(ctx: StepContext, step: Step<'standardize-text'>): void {
  const { q, sourceColumns, label } = ctx
  const d = q.d
  const columns = [...new Set(step.columns)].map((name) => {
    const column = q.require(name, sourceColumns, label)
    if (column.type !== 'text') {
      throw new StudioError('sql/text-on-numbers', `sql: ${label}: "${name}" holds numbers; text standardisation applies to text columns (convert it to category first, or remove it from this step)`)
    }
    return column
  })
  const rule: TextRule = { trim: step.trim, case: step.case, valueMap: step.valueMap }
  const trimmed = columns.map(() => q.temp()), folded = columns.map(() => q.temp()), mapped = columns.map(() => q.temp())
  q.add([...q.carry(), ...columns.map((c, k) => `${step.trim ? jsTrim(d, c.ref) : c.ref} AS ${trimmed[k]}`)], { comment: `${label}: ${step.trim ? 'trimmed' : 'as they are'}` })
  const fold = (expr: string, name: string) => (step.case === 'lower' ? d.lower(expr, `column "${name}"`) : step.case === 'upper' ? d.upper(expr) : expr)
  q.add([...q.carry(), ...columns.map((c, k) => `${fold(trimmed[k], c.name)} AS ${folded[k]}`)], { comment: `${label}: case ${step.case === 'none' ? 'kept' : `folded to ${step.case}`}` })
  const map = foldedValueMap(rule)
  const lookup = (f: string) =>
    map.size === 0 ? f : `CASE ${[...map].map(([key, value]) => `WHEN ${f} = ${d.text(key)} THEN ${d.text(value)}`).join(' ')} ELSE ${f} END`
  q.add([...q.carry(), ...columns.map((_, k) => `${lookup(folded[k])} AS ${mapped[k]}`)], { comment: `${label}: value map` })
  q.add(q.carry(new Map(columns.map((c, k) => [c.ref, `CASE WHEN ${isMissing(d, mapped[k])} THEN NULL ELSE ${mapped[k]} END`]))), {
    comment: `${label}: blank and missing-token results as NULL`,
  })
}
