/**
 * Which number an explanation explains, per row: the model output column of
 * the explained class, read as offset + sign × column. Binary models keep one
 * column (class 1); explaining class 0 negates it (log-odds of class 0 =
 * −log-odds of class 1; a class-0 share = 1 − the class-1 share).
 */
import { StudioError } from '../errors'
import type { Model } from '../model/estimator'
import type { Matrix, Task } from '../types'
import type { ExplanationSpace } from './types'

/** The explained quantity of a row: offset + sign × output[column]. */
export interface ExplainTarget {
  column: number
  sign: number
  offset: number
}

/** The target for class `forClass` (ignored for regression). `shares`: outputs are class shares, not margins. */
export function targetOf(task: Task, forClass: number, shares: boolean): ExplainTarget {
  if (task === 'regression' || task === 'multiclass') return { column: task === 'regression' ? 0 : forClass, sign: 1, offset: 0 }
  return forClass === 1 ? { column: 0, sign: 1, offset: 0 } : { column: 0, sign: -1, offset: shares ? 1 : 0 }
}

/** What the contributions add up to for this task and kind of output. */
export function spaceOf(task: Task, shares: boolean): ExplanationSpace {
  if (task === 'regression') return 'value'
  if (shares) return 'probability'
  return task === 'binary' ? 'log-odds' : 'margin'
}

/**
 * The class explained for each row: as asked, else class 1 (binary) or the
 * predicted class (multiclass); null for regression.
 */
export function classesToExplain(model: Model, task: Task, classes: number, X: Matrix, asked: ArrayLike<number> | undefined): Int32Array | null {
  if (task === 'regression') return null
  if (asked !== undefined) {
    if (asked.length !== X.rows) throw new StudioError('explain-bad-class', `explain: forClass has ${asked.length} entries for ${X.rows} rows; give one class index per row`)
    const out = new Int32Array(X.rows)
    for (let i = 0; i < X.rows; i++) {
      const c = asked[i]
      if (!(Number.isInteger(c) && c >= 0 && c < classes)) throw new StudioError('explain-bad-class', `explain: forClass[${i}] = ${c} is not a class index 0…${classes - 1}`)
      out[i] = c
    }
    return out
  }
  if (task === 'binary') return new Int32Array(X.rows).fill(1)
  return Int32Array.from(model.predict(X))
}
