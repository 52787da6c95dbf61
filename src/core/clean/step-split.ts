import type { Column, NumericColumn } from '../types'
import { parseCompound } from '../table/number-text'
import { listNames, StepProblem } from './recipe-error'
import { exampleRows, plural, PreviewCollector, type StepOutcome } from './step-report'
import { PREVIEW_LIMIT, type CleaningStep } from './types'
import { describeUnit, examples, isMissingText, numberText, numberWording } from './values'
import type { WorkingTable } from './working-table'

type SplitStep = Extract<CleaningStep, { kind: 'split' }>

/**
 * Splits a compound text column ("120/80", "120/80 mmHg") into one number
 * column per name in `step.into`, put where the original column was (which
 * goes). Decided once per distinct value, then one lookup per cell. A value
 * that does not split into exactly that many numbers makes every new cell of
 * its row missing, and is counted as failed. New names that an existing
 * column already uses are refused, naming them: the step never overwrites.
 */
export function split(work: WorkingTable, step: SplitStep): StepOutcome {
  const column = work.require(step.column)
  if (column.type === 'number') {
    throw new StepProblem('recipe-split-type', `"${column.name}" holds numbers, not text such as "120/80"; there is nothing to split`)
  }
  const taken = step.into.filter((name) => work.find(name) !== undefined)
  if (taken.length > 0) throw new StepProblem('recipe-split-clash', splitClashMessage(taken))
  const parts = step.into.length
  const byLevel = column.levels.map((level) => (isMissingText(level) ? null : parseCompound(level, step.separator, parts, step)))
  const failedLevel = column.levels.map((level, k) => byLevel[k] === null && !isMissingText(level))
  const values = step.into.map(() => new Float64Array(work.source.rowCount).fill(NaN))
  const rows = work.rows
  let failed = 0, split = 0
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]
    const code = column.codes[p]
    if (code < 0) continue
    const read = byLevel[code]
    if (read === null) {
      if (failedLevel[code]) failed++
      continue
    }
    split++
    for (let j = 0; j < parts; j++) values[j][p] = read[j]
  }
  const failedExamples = column.levels.filter((_, k) => failedLevel[k])
  const wording = numberWording(step)
  if (split === 0 && failed > 0) {
    throw new StepProblem(
      'recipe-conversion-failed',
      `none of the ${failed} values of "${column.name}" splits at "${step.separator}" into ${parts} ${wording.many} (e.g. ${examples(failedExamples)}); splitting would leave the new columns empty`,
    )
  }
  const description = step.unit === undefined ? undefined : describeUnit(undefined, step.unit)
  const created: Column[] = step.into.map((name, j) => {
    const c: NumericColumn = { name, type: 'number', values: values[j] }
    if (description) c.description = description
    return c
  })
  work.replaceWith(column.name, created)
  const preview = new PreviewCollector()
  const okLevel = byLevel.map((read) => read !== null)
  // Failed values first (what the user must look at), then values that split.
  const shown = [...exampleRows(column.codes, rows, failedLevel, PREVIEW_LIMIT / 2)]
  for (const p of exampleRows(column.codes, rows, okLevel, PREVIEW_LIMIT)) if (shown.length < PREVIEW_LIMIT && !shown.includes(p)) shown.push(p)
  for (const p of shown) {
    const code = column.codes[p]
    const read = byLevel[code]
    preview.add(p, column.name, column.levels[code], read === null ? null : step.into.map((name, j) => `${name} ${numberText(read[j])}`).join(', '))
  }
  const details = [`${column.name}: ${plural(split, 'value')} split at "${step.separator}" into ${listNames(step.into)}${step.decimalComma ? ' (decimal comma)' : ''}`]
  if (step.unit !== undefined) details.push(`unit "${step.unit}" removed from the values and kept in the new columns' description`)
  if (failed > 0) {
    details.push(`${plural(failed, 'value')} could not be read as ${parts} ${wording.many} and became missing in every new column (e.g. ${examples(failedExamples)})`)
  }
  return { affectedRows: split + failed, preview: preview.sorted(), details, failedConversions: failed, engine: 'core' }
}

/** The message for split names that existing columns already use (shared with the recipe checks). */
export function splitClashMessage(taken: readonly string[]): string {
  return taken.length === 1
    ? `a column called ${listNames(taken)} already exists; give the new column another name`
    : `columns called ${listNames(taken)} already exist; give the new columns other names`
}
