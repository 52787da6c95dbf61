import { StudioError } from '../../errors'
import { parseNumber } from '../../clean/values'
import type { CleaningStep, ValidationRule } from '../../clean/types'
import { doubleLiteral } from './expressions'
import type { QueryBuilder } from './query'
import type { WorkColumn } from './types'

/*
 * The steps that remove rows or columns (step-drop.ts, step-validate.ts,
 * step-dedupe.ts) as CTEs. Row order never changes: rows are filtered, and
 * the final SELECT orders by the source position.
 */

type Step<K extends CleaningStep['kind']> = Extract<CleaningStep, { kind: K }>

/** Context every step translation gets: the query, the recipe's source columns and the step's label for messages. */
export interface StepContext {
  q: QueryBuilder
  sourceColumns: readonly string[]
  /** "step 3 (validate)". */
  label: string
}

export function dropColumns({ q, sourceColumns, label }: StepContext, step: Step<'drop-columns'>): void {
  const names = new Set(step.columns)
  for (const name of names) q.require(name, sourceColumns, label)
  q.columns = q.columns.filter((c) => !names.has(c.name))
}

export function dropMissingTarget({ q, sourceColumns, label }: StepContext, step: Step<'drop-missing-target'>): void {
  const column = q.require(step.column, sourceColumns, label)
  q.add(q.carry(), { where: `${column.ref} IS NOT NULL`, comment: `${label}: remove rows without "${step.column}"` })
}

export function dropSparseRows({ q, label }: StepContext, step: Step<'drop-sparse-rows'>): void {
  const missing = q.columns.map((c) => `CASE WHEN ${c.ref} IS NULL THEN 1 ELSE 0 END`).join(' + ')
  const share = `CAST(${missing} AS DOUBLE) / CAST(${q.columns.length} AS DOUBLE)`
  q.add(q.carry(), { where: `NOT (${share} > ${doubleLiteral(step.maxMissingShare)})`, comment: `${label}: remove rows with more than ${step.maxMissingShare} of their cells missing` })
}

/**
 * Refused: which columns it removes depends on the data, and an SQL query
 * has a fixed list of columns.
 */
export function dropSparseColumns({ label }: StepContext): never {
  throw new StudioError(
    'sql/data-dependent-columns',
    `sql: ${label}: removing mostly-empty columns decides from the data which columns remain, and an SQL query needs a fixed list of columns; replace this step with "Remove columns" naming the columns it removes (the Clean page lists them), then export again`,
  )
}

/**
 * Rules in order, each seeing the cells as earlier rules left them; one CTE
 * per rule carrying `__drop` (the row breaks a drop-row rule), then one that
 * filters. Violation tests are never NULL.
 */
export function validate(ctx: StepContext, step: Step<'validate'>): void {
  const { q, sourceColumns, label } = ctx
  if (step.rules.length === 0) return
  step.rules.forEach((rule, r) => {
    const column = q.require(rule.column, sourceColumns, label)
    const broken = violation(rule, column, label, q.d.text)
    const replaced = new Map<string, string>()
    if (rule.action === 'set-missing') replaced.set(column.ref, `CASE WHEN ${broken} THEN NULL ELSE ${column.ref} END`)
    const drop = rule.action === 'drop-row' ? broken : 'FALSE'
    q.add([...q.carry(replaced), r === 0 ? `${drop} AS __drop` : `(__drop OR ${drop}) AS __drop`], {
      comment: `${label}: rule ${rule.id} (${rule.kind}, ${rule.action})`,
    })
  })
  q.add(q.carry(), { where: 'NOT __drop', comment: `${label}: remove the rows a drop-row rule marked` })
}

/** The SQL test that `rule` is broken by the current cell of `column` (violation() of step-validate.ts). */
function violation(rule: ValidationRule, column: WorkColumn, label: string, text: (value: string) => string): string {
  const c = column.ref
  const d = (v: number) => doubleLiteral(v)
  if (rule.kind === 'required') return `(${c} IS NULL)`
  if (rule.kind === 'range') {
    if (column.type !== 'number') {
      throw new StudioError('sql/rule-type', `sql: ${label}: rule ${rule.id}: "${rule.column}" holds text, but a range needs numbers; add a convert step to number before this one`)
    }
    const parts: string[] = []
    if (rule.min !== null) parts.push(rule.minExclusive ? `${c} <= ${d(rule.min)}` : `${c} < ${d(rule.min)}`)
    if (rule.max !== null) parts.push(rule.maxExclusive ? `${c} >= ${d(rule.max)}` : `${c} > ${d(rule.max)}`)
    return parts.length === 0 ? 'FALSE' : `(${c} IS NOT NULL AND (${parts.join(' OR ')}))`
  }
  if (column.type === 'number') {
    const allowed = rule.values.map((value) => {
      const v = parseNumber(value)
      if (Number.isNaN(v)) {
        throw new StudioError('sql/rule-type', `sql: ${label}: rule ${rule.id}: "${rule.column}" holds numbers, but the allowed value ${JSON.stringify(value)} is not a number`)
      }
      return v
    })
    // Equality, not IN: -0 must equal 0 as it does in the studio's Set.
    return allowed.length === 0 ? `(${c} IS NOT NULL)` : `(${c} IS NOT NULL AND NOT (${allowed.map((v) => `${c} = ${d(v)}`).join(' OR ')}))`
  }
  const texts = [...new Set(rule.values)]
  return texts.length === 0 ? `(${c} IS NOT NULL)` : `(${c} IS NOT NULL AND ${c} NOT IN (${texts.map(text).join(', ')}))`
}

/** Keeps the first row of each group of rows equal on the step's columns (all current columns when null); NULL equals NULL. */
export function dedupe({ q, sourceColumns, label }: StepContext, step: Step<'dedupe'>): void {
  const keys = step.columns ? step.columns.map((name) => q.require(name, sourceColumns, label)) : q.columns.slice()
  const rank = q.temp()
  q.add([...q.carry(), `row_number() OVER (PARTITION BY ${keys.map((c) => c.ref).join(', ')} ORDER BY __row) AS ${rank}`], {
    comment: `${label}: number the rows of each group of duplicates in file order`,
  })
  q.add(q.carry(), { where: `${rank} = 1`, comment: `${label}: keep the first of each group` })
}
