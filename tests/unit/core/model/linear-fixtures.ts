import { readFileSync } from 'node:fs'
import type { Matrix } from '../../../../src/core/types'

/** One dataset of tests/fixtures/reference/linear.json (made by make_linear_fixtures.py). */
interface StoredDataset {
  names: string[]
  X?: number[][]
  y?: number[]
  /** Rebuilt here instead of stored: base columns plus a copy of one column and the sum of two. */
  collinear?: { base: string; copy: number; sum: [number, number] }
}

export interface LogisticCase {
  name: string
  dataset: string
  solver: string
  params: { penalty: 'l2' | 'l1' | 'elasticnet' | 'none'; C: number; l1Ratio: number; classWeight: 'none' | 'balanced'; fitIntercept: boolean }
  coef: number[][]
  intercept: number[]
  nonzero: number
  n_iter: number
  /** How far scikit-learn's own answer is from the exact optimum (largest KKT violation of the mean objective). */
  kkt: number
}

export interface LinregCase {
  name: string
  dataset: string
  params: { alpha: number; fitIntercept: boolean }
  sampleWeight: number[] | null
  coef: number[]
  intercept: number
}

interface LinearFixture {
  sklearn: string
  datasets: Record<string, StoredDataset>
  logistic: LogisticCase[]
  linreg: LinregCase[]
}

export const linearFixture = JSON.parse(readFileSync(new URL('../../../fixtures/reference/linear.json', import.meta.url), 'utf8')) as LinearFixture

/** A dataset as a row-major matrix and a target vector, rebuilding the collinear one from its recipe. */
export function fixtureDataset(name: string): { X: Matrix; y: Float64Array } {
  const stored = linearFixture.datasets[name]
  if (stored.collinear) {
    const { copy, sum, base } = stored.collinear
    const { X, y } = fixtureDataset(base)
    const p = X.cols + 2
    const data = new Float64Array(X.rows * p)
    for (let i = 0; i < X.rows; i++) {
      const row = X.data.subarray(i * X.cols, (i + 1) * X.cols)
      data.set(row, i * p)
      data[i * p + X.cols] = row[copy]
      data[i * p + X.cols + 1] = row[sum[0]] + row[sum[1]]
    }
    return { X: { rows: X.rows, cols: p, data }, y }
  }
  const rows = stored.X!
  return { X: { rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) }, y: Float64Array.from(stored.y!) }
}

/** Largest absolute difference between two equally long lists. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`maxAbsDiff: lengths ${a.length} and ${b.length} differ`)
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]))
  return m
}
