/**
 * Fold-scheme feasibility on the data: the checks that make a bad scheme fail
 * before anything is trained (k above the smallest class, a group column with
 * a single group, a fold whose training rows hold a single class, a halving
 * rung too small to cut). The messages are core's own, so the CLI and the page
 * say the same. Runs where the table is: in a training worker or in-process.
 */
import { crossValidate, type CrossValidationRequest } from '../eval/cross-validate'
import { makeFolds } from '../eval/folds'
import { CancelledError, StudioError } from '../errors'
import { getColumn } from '../table/access'
import { holdoutSplit } from '../train/split'
import { encodeTarget } from '../train/target'
import type { Table } from '../types'

/**
 * Throws the error cross-validation would throw for `request` at any of the
 * row `shares` (successive halving's rungs), without training anything.
 */
export async function preflightFolds(table: Table, request: CrossValidationRequest, shares: readonly number[] = [1]): Promise<void> {
  for (const rowShare of new Set(shares)) {
    try {
      await buildFoldsOnly(table, { ...request, rowShare })
    } catch (error) {
      if (rowShare === 1) throw error
      // Core's message speaks of the rows it was given; say they are a halving rung's sample.
      const message = error instanceof Error ? error.message : String(error)
      throw new StudioError(
        'halving-rung',
        `search: successive halving's rung on ${Math.round(rowShare * 100)}% of the rows cannot be cross-validated (${message}); a random search cross-validates every candidate on all rows`,
      )
    }
  }
  if (request.scheme.kind === 'group' && request.task !== 'regression') checkGroupFoldClasses(table, request)
}

/**
 * crossValidate encodes the target, locks the test rows, draws the rung's
 * rows and makes the folds before it checks its signal for the first fold:
 * with a signal already aborted it runs exactly those steps, so core's own
 * code reports a bad scheme, and then stops before the first fit.
 */
async function buildFoldsOnly(table: Table, request: CrossValidationRequest): Promise<void> {
  const controller = new AbortController()
  controller.abort()
  try {
    await crossValidate(table, request, { signal: controller.signal })
  } catch (error) {
    if (error instanceof CancelledError) return
    throw error
  }
}

/**
 * Group folds can leave a fold's training rows with one class (a class held
 * by the groups of a single fold); crossValidate would find it only when it
 * reaches that fold, after fitting the ones before. The rows and folds are
 * drawn as crossValidate draws them (labelled rows, locked test split, group
 * values), so the check sees the same folds.
 */
function checkGroupFoldClasses(table: Table, request: CrossValidationRequest): void {
  if (request.scheme.kind !== 'group') return
  const { y } = encodeTarget(getColumn(table, request.target), request.task)
  const labelled: number[] = []
  for (let i = 0; i < table.rowCount; i++) if (!Number.isNaN(y[i])) labelled.push(i)
  const rows = request.testShare ? holdoutSplit(labelled, request.testShare, request.seed, y).train : Int32Array.from(labelled)
  const column = getColumn(table, request.scheme.column)
  // As cross-validate.ts groupValues: the value itself, one "(missing)" group for blanks.
  const groups = Array.from(rows, (i) => (column.type === 'number' ? (Number.isNaN(column.values[i]) ? '(missing)' : column.values[i]) : column.codes[i] < 0 ? '(missing)' : column.levels[column.codes[i]]))
  const { folds } = makeFolds(request.scheme, rows.length, { groups })
  folds.forEach((fold, f) => {
    const classes = new Set(Array.from(fold.train, (position) => y[rows[position]]))
    if (classes.size < 2) {
      throw new StudioError('fold-single-class', `cross-validation: the training rows of fold ${f + 1} hold a single class; use fewer folds or stratified folds`)
    }
  })
}
