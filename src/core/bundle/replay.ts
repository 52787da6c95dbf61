import { StepProblem } from '../clean/recipe-error'
import { convert } from '../clean/step-convert'
import { missingAt, textAt } from '../clean/step-report'
import { split } from '../clean/step-split'
import { standardizeTextCore } from '../clean/step-text'
import { ruleSummary, validate, violation } from '../clean/step-validate'
import { transformLevelsCore } from '../clean/text-core'
import { BOOLEAN_LEVELS, describeUnit, isMissingText, numberWording } from '../clean/values'
import { WorkingTable } from '../clean/working-table'
import type { Column, Table } from '../types'
import type { ReplayStep } from './bundle'
import { ROW_ISSUE_CODES, type RowIssue } from './predict-types'

/** The request rows after the replayed cleaning. */
export interface ReplayResult {
  /** The cleaned kept rows, in request order. */
  table: Table
  /** For each row of `table`, its 0-based index in the request. */
  kept: Int32Array
  /** 1 where the request row was refused by a rule. */
  refused: Uint8Array
  issues: RowIssue[]
}

/**
 * Replays the row-level cleaning of training on request rows, with the very
 * step functions the Clean page runs (src/core/clean: convert, split,
 * standardize-text in its core engine, validate) on a WorkingTable, so a
 * record reaches the feature pipeline exactly as a training row did: "male "
 * and "M" become "Male", "70 kg" becomes 70, an EDSS of 12 is refused or
 * blanked as its rule says.
 *
 * What differs from cleaning a file, and why:
 * - nothing is dropped silently: a row a rule removes is refused and a cell a
 *   rule blanks is named, both as RowIssues with the row's request index;
 * - a value a conversion cannot read becomes missing, as in training, and is
 *   named too ('conversion-failed'); when every value of the request fails,
 *   the Clean page would refuse the whole step ("converting would leave the
 *   column empty") — a request is not a dataset, so those cells just become
 *   missing;
 * - a validate step that drops or blanks anything runs one rule at a time
 *   (the same result: each rule sees the cells as earlier rules left them,
 *   and rows go at the end) so each refusal and blank names its rule;
 * - steps that provably change nothing (text already standardised, no rule
 *   broken) are passed over: the common request costs a few lookups.
 * Dataset-level steps (dedupe, drop-sparse-rows/-columns, drop-missing-target)
 * never reach here; cleaning-plan.ts says why.
 */
export function replayCleaning(table: Table, steps: readonly ReplayStep[]): ReplayResult {
  const n = table.rowCount
  const unchanged = (): ReplayResult => ({ table, kept: identity(n), refused: new Uint8Array(n), issues: [] })
  if (steps.length === 0 || n === 0) return unchanged()
  const work = new WorkingTable(table)
  const refused = new Uint8Array(n)
  const issues: RowIssue[] = []
  // Steps that provably change nothing are passed over; when all are, the request's own table goes on as it is.
  let ran = false
  for (const step of steps) {
    if (work.rowCount === 0) break
    switch (step.kind) {
      case 'convert':
        replayConvert(work, step, issues)
        ran = true
        break
      case 'split':
        replaySplit(work, step, issues)
        ran = true
        break
      case 'standardize-text':
        if (!leavesUnchanged(work, step)) {
          standardizeTextCore(work, step)
          ran = true
        }
        break
      case 'validate':
        // A broken rule always drops or blanks something: then run the rules one by one, each tied to what it did.
        if (breaksAnyRule(work, step)) {
          for (const rule of step.rules) replayRule(work, step, rule, refused, issues)
          ran = true
        }
        break
    }
  }
  if (!ran) return unchanged()
  const { table: cleaned, sourceRows } = work.materialize()
  const kept = new Int32Array(sourceRows.length)
  for (let i = 0; i < kept.length; i++) kept[i] = sourceRows[i] - 1
  issues.sort((a, b) => a.row - b.row)
  return { table: { ...cleaned, name: table.name }, kept, refused, issues }
}

/**
 * True when some kept row breaks some rule of the step, by the Clean page's
 * own rule predicates. When none does, the step would drop and blank nothing
 * (a rule acts only on the rows breaking it, and with no cell blanked the
 * later rules see the cells as they are), so it is passed over.
 */
function breaksAnyRule(work: WorkingTable, step: ValidateStep): boolean {
  const rows = work.rows
  for (const rule of step.rules) {
    const broken = violation(rule, work.require(rule.column))
    for (let i = 0; i < rows.length; i++) if (broken(rows[i])) return true
  }
  return false
}

type TextStep = Extract<ReplayStep, { kind: 'standardize-text' }>

/** Per text step, whether a level comes out of it as it went in (decided once per distinct text, by core's transformLevelsCore). */
const fixedPoints = new WeakMap<TextStep, Map<string, boolean>>()
/** Texts remembered per step; a request stream of free text cannot grow the memory without bound. */
const FIXED_POINT_LIMIT = 10_000

/**
 * True when the step would change no cell: every level of its columns (that
 * kept rows use or not) is already trimmed, cased and mapped, and none is a
 * missing token, so re-coding would give back the same columns. The common
 * request — values already spelled as training's — then skips the step's
 * re-coding; anything else runs the Clean page's step as it is.
 */
function leavesUnchanged(work: WorkingTable, step: TextStep): boolean {
  let known = fixedPoints.get(step)
  if (!known) fixedPoints.set(step, (known = new Map()))
  const rule = { trim: step.trim, case: step.case, valueMap: step.valueMap }
  for (const name of step.columns) {
    const column = work.find(name)
    // A number column is an error the step itself reports; a boolean column's levels are re-coded by the step (its no/yes pair is dropped).
    if (!column || column.type !== 'category' || work.booleans.has(name)) return false
    for (const level of column.levels) {
      let fixed = known.get(level)
      if (fixed === undefined) {
        fixed = !isMissingText(level) && transformLevelsCore([level], rule)[0] === level
        if (known.size >= FIXED_POINT_LIMIT) known.clear()
        known.set(level, fixed)
      }
      if (!fixed) return false
    }
  }
  return true
}

type ConvertStep = Extract<ReplayStep, { kind: 'convert' }>
type SplitStep = Extract<ReplayStep, { kind: 'split' }>
type ValidateStep = Extract<ReplayStep, { kind: 'validate' }>
type Rule = ValidateStep['rules'][number]

function replayConvert(work: WorkingTable, step: ConvertStep, issues: RowIssue[]): void {
  const before = work.require(step.column)
  try {
    convert(work, step)
  } catch (error) {
    if (!(error instanceof StepProblem && error.code === 'recipe-conversion-failed')) throw error
    work.replace(emptyConversion(before, step, work.source.rowCount), step.to === 'boolean')
    if (step.to === 'boolean') work.booleans.add(step.column)
  }
  noteFailures(work, before, work.require(step.column), step.to === 'number' ? numberWording(step).one : 'a yes/no value', issues)
}

function replaySplit(work: WorkingTable, step: SplitStep, issues: RowIssue[]): void {
  const before = work.require(step.column)
  try {
    split(work, step)
  } catch (error) {
    if (!(error instanceof StepProblem && error.code === 'recipe-conversion-failed')) throw error
    const size = work.source.rowCount
    const description = step.unit === undefined ? undefined : describeUnit(undefined, step.unit)
    work.replaceWith(step.column, step.into.map((name): Column => ({ name, type: 'number', values: new Float64Array(size).fill(NaN), ...(description ? { description } : {}) })))
  }
  noteFailures(work, before, work.require(step.into[0]), `${step.into.length} ${numberWording(step).many} separated by "${step.separator}"`, issues)
}

/** A column of the conversion's target type with every cell missing (every value failed). */
function emptyConversion(before: Column, step: ConvertStep, size: number): Column {
  if (step.to === 'number') {
    return { name: before.name, type: 'number', values: new Float64Array(size).fill(NaN), ...(step.unit === undefined ? {} : { description: describeUnit(before.description, step.unit) }) }
  }
  return { name: before.name, type: 'category', codes: new Int32Array(size).fill(-1), levels: step.to === 'boolean' ? [...BOOLEAN_LEVELS] : [] }
}

/** Names each kept cell that had a value before the step and is missing after it. */
function noteFailures(work: WorkingTable, before: Column, after: Column, expected: string, issues: RowIssue[]): void {
  const rows = work.rows
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]
    if (!missingAt(before, p) && missingAt(after, p)) {
      issues.push({
        row: p,
        column: before.name,
        code: ROW_ISSUE_CODES.conversionFailed,
        message: `"${textAt(before, p)}" is not ${expected}; the cell is treated as missing, as in training`,
        action: 'blanked',
      })
    }
  }
}

/** One rule as a one-rule validate step; the rows it removed are refused, the cells it blanked named. */
function replayRule(work: WorkingTable, step: ValidateStep, rule: Rule, refused: Uint8Array, issues: RowIssue[]): void {
  if (work.rowCount === 0) return
  const rowsBefore = work.rows
  const current = work.require(rule.column)
  // validate writes blanks in place when this table already owns the column: keep what the cells held.
  const column = rule.action === 'set-missing' ? snapshot(current) : current
  validate(work, { ...step, rules: [rule] })
  const summary = ruleSummary(rule)
  if (rule.action === 'drop-row') {
    const rowsAfter = work.rows
    if (rowsAfter.length === rowsBefore.length) return
    let k = 0
    for (let i = 0; i < rowsBefore.length; i++) {
      const p = rowsBefore[i]
      if (k < rowsAfter.length && rowsAfter[k] === p) {
        k++
        continue
      }
      refused[p] = 1
      const value = textAt(column, p)
      issues.push({ row: p, column: rule.column, code: rule.id, message: `${summary}${value === '' ? '' : ` (${value})`}; the row is refused`, action: 'refused' })
    }
    return
  }
  const after = work.require(rule.column)
  for (let i = 0; i < rowsBefore.length; i++) {
    const p = rowsBefore[i]
    if (!missingAt(column, p) && missingAt(after, p)) {
      issues.push({ row: p, column: rule.column, code: rule.id, message: `${summary} (${textAt(column, p)}); the cell is treated as missing`, action: 'blanked' })
    }
  }
}

function snapshot(column: Column): Column {
  return column.type === 'number' ? { ...column, values: column.values.slice() } : { ...column, codes: column.codes.slice() }
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) out[i] = i
  return out
}
