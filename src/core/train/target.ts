import { StudioError } from '../errors'
import { compareValues } from '../table/profile/profile'
import type { Column, Task } from '../types'

/** A target column turned into what an estimator consumes. */
export interface EncodedTarget {
  task: Task
  /** Class names in model order (classification); empty for regression. */
  labels: string[]
  /** Class index per row (classification) or value (regression); NaN where the target is missing. */
  y: Float64Array
}

/**
 * Infers the task a target column defines: two values → binary, a few →
 * multiclass, else regression. A column with no value ('target-empty') or a
 * single value ('target-constant') defines no task, and that is said at once
 * rather than guessed: whatever task the user then picks, there is nothing to predict.
 */
export function inferTask(column: Column): Task {
  const distinct = distinctValues(column)
  if (distinct.length === 0) throw emptyTargetError(column)
  if (distinct.length === 1) {
    throw new StudioError('target-constant', `target: "${column.name}" has the same value ("${distinct[0]}") in every row that has one, so there is nothing to predict; choose another column`)
  }
  if (distinct.length === 2) return 'binary'
  if (column.type === 'category') return 'multiclass'
  const integers = distinct.every((v) => Number.isInteger(Number(v)))
  if (integers && distinct.length >= 3 && distinct.length <= 10) return 'multiclass'
  return 'regression'
}

/** Present values of a column, ordered like numpy's unique (numbers numerically, text by code point). */
export function distinctValues(column: Column): string[] {
  const seen = new Set<string>()
  if (column.type === 'number') {
    for (const v of column.values) if (!Number.isNaN(v)) seen.add(String(v))
  } else {
    const used = new Uint8Array(column.levels.length)
    for (const code of column.codes) if (code >= 0) used[code] = 1
    column.levels.forEach((level, code) => {
      if (used[code]) seen.add(level)
    })
  }
  return [...seen].sort(compareValues)
}

const MAX_CLASSES = 50

/** Rows of a column, present or not. */
function rowCount(column: Column): number {
  return column.type === 'number' ? column.values.length : column.codes.length
}

/** The error for a target column without a single value (every row missing). */
function emptyTargetError(column: Column): StudioError {
  const rows = rowCount(column)
  return new StudioError(
    'target-empty',
    `target: "${column.name}" is empty: none of its ${rows} row${rows === 1 ? '' : 's'} has a value, so there is nothing to learn from; choose another column, or fill in "${column.name}" in the file and open it again`,
  )
}

/**
 * Encodes the target for `task`. Classification labels are sorted like numpy's
 * unique so class order (and so coefficient signs) matches scikit-learn; the
 * last of two labels is the positive class. An empty target, one with one
 * class, or a non-numeric target for regression, is an error that says so.
 */
export function encodeTarget(column: Column, task: Task): EncodedTarget {
  const n = rowCount(column)
  const y = new Float64Array(n)
  const labels = distinctValues(column)
  // Checked first, whatever the task: "a single value" or "holds text" would misdescribe a column with no values.
  if (labels.length === 0) throw emptyTargetError(column)
  if (task === 'regression') {
    if (column.type !== 'number') {
      throw new StudioError('target-not-numeric', `target: "${column.name}" holds text (e.g. "${column.levels[0]}"), so it cannot be predicted as a number; choose classification`)
    }
    y.set(column.values)
    if (labels.length < 2) throw new StudioError('target-constant', `target: "${column.name}" has a single value ("${labels[0]}"); there is nothing to predict`)
    return { task, labels: [], y }
  }
  if (labels.length < 2) {
    throw new StudioError('target-single-class', `target: "${column.name}" has only the class "${labels[0]}"; a classifier needs at least two classes`)
  }
  if (task === 'binary' && labels.length !== 2) {
    throw new StudioError('target-not-binary', `target: "${column.name}" has ${labels.length} classes (${labels.slice(0, 5).join(', ')}${labels.length > 5 ? ', …' : ''}); binary classification needs exactly 2; choose multiclass`)
  }
  if (labels.length > MAX_CLASSES) {
    throw new StudioError('target-too-many-classes', `target: "${column.name}" has ${labels.length} classes, more than the ${MAX_CLASSES} a classifier here supports; is it a number to predict by regression?`)
  }
  const index = new Map(labels.map((label, i) => [label, i]))
  if (column.type === 'number') {
    for (let i = 0; i < n; i++) {
      const v = column.values[i]
      y[i] = Number.isNaN(v) ? NaN : (index.get(String(v)) as number)
    }
  } else {
    const byCode = column.levels.map((level) => index.get(level) ?? NaN)
    for (let i = 0; i < n; i++) {
      const code = column.codes[i]
      y[i] = code < 0 ? NaN : byCode[code]
    }
  }
  return { task, labels, y }
}
