/**
 * Loads the reference datasets of tests/fixtures/reference/trees.json (made by
 * make_tree_fixtures.py): the CSV, the fixed train/test rows and the training
 * medians the Python side imputed with, so both sides fit the same numbers.
 */
import { readFileSync } from 'node:fs'
import type { Matrix } from '../../../../../src/core/types'

export interface ReferenceCase {
  name: string
  path: string
  target: string
  features: string[]
  rows: number
  train: number[]
  test: number[]
  impute: Record<string, number>
  xgboost: { params: Record<string, number | string>; baseScore: number; testAuc: number; testAucWithMissing: number }
  randomForest: { testAuc: number; testAucBySeed: Record<string, number> }
  decisionTree: { trainAccuracy: number; leaves: number }
}

export interface ReferenceFixture {
  sklearn: string
  xgboost: string
  cases: ReferenceCase[]
}

const root = new URL('../../../../../', import.meta.url)

export const referenceFixture = JSON.parse(readFileSync(new URL('tests/fixtures/reference/trees.json', root), 'utf8')) as ReferenceFixture

export interface ReferenceData {
  /** Features with missing values imputed as the reference did. */
  X: Matrix
  /** The raw features, NaN where the CSV cell is empty. */
  raw: Matrix
  y: Float64Array
}

/** Reads a case's CSV (plain numbers, no quoting) into matrices and class indices. */
export function loadReferenceData(c: ReferenceCase): ReferenceData {
  const lines = readFileSync(new URL(c.path, root), 'utf8').trim().split('\n')
  const header = lines[0].split(',')
  const columns = c.features.map((name) => header.indexOf(name))
  const targetColumn = header.indexOf(c.target)
  const n = lines.length - 1
  const p = columns.length
  const raw = new Float64Array(n * p)
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const cells = lines[i + 1].split(',')
    columns.forEach((col, j) => (raw[i * p + j] = cells[col] === '' ? Number.NaN : Number(cells[col])))
    y[i] = Number(cells[targetColumn])
  }
  const X = raw.slice()
  c.features.forEach((name, j) => {
    const median = c.impute[name]
    if (median === undefined) return
    for (let i = 0; i < n; i++) if (Number.isNaN(X[i * p + j])) X[i * p + j] = median
  })
  return { X: { rows: n, cols: p, data: X }, raw: { rows: n, cols: p, data: raw }, y }
}

/** The rows `indices` of a matrix and target. */
export function takeRows(X: Matrix, y: Float64Array, indices: number[]): { X: Matrix; y: Float64Array } {
  const p = X.cols
  const data = new Float64Array(indices.length * p)
  indices.forEach((i, k) => data.set(X.data.subarray(i * p, (i + 1) * p), k * p))
  return { X: { rows: indices.length, cols: p, data }, y: Float64Array.from(indices, (i) => y[i]) }
}

/** Positive-class probabilities from a row-major n × 2 probability matrix. */
export function positiveScores(proba: Float64Array): number[] {
  return Array.from({ length: proba.length / 2 }, (_, i) => proba[2 * i + 1])
}
