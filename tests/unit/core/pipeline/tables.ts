import type { CategoryColumn, Column, NumericColumn, Table } from '../../../../src/core/types'

/** Test helpers: small tables written inline. */

/** A numeric column; null is a missing cell. */
export function num(name: string, values: (number | null)[]): NumericColumn {
  return { name, type: 'number', values: Float64Array.from(values, (v) => (v === null ? NaN : v)) }
}

/** A category column, dictionary-encoded in order of first appearance; null is a missing cell. */
export function cat(name: string, values: (string | null)[]): CategoryColumn {
  const levels: string[] = []
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1
    let code = levels.indexOf(v)
    if (code < 0) code = levels.push(v) - 1
    return code
  })
  return { name, type: 'category', codes, levels }
}

export function table(...columns: Column[]): Table {
  const rowCount = columns.length === 0 ? 0 : columns[0].type === 'number' ? columns[0].values.length : columns[0].codes.length
  return { name: 'test', rowCount, columns }
}

/** The values of a numeric column of `t`, as a plain array (NaN kept). */
export function values(t: Table, name: string): number[] {
  const column = t.columns.find((c) => c.name === name)
  if (!column || column.type !== 'number') throw new Error(`no numeric column ${name}; have ${t.columns.map((c) => c.name).join(', ')}`)
  return Array.from(column.values)
}

/** Column j of a row-major matrix. */
export function matrixColumn(X: { rows: number; cols: number; data: Float64Array }, j: number): number[] {
  return Array.from({ length: X.rows }, (_, i) => X.data[i * X.cols + j])
}

/** JSON text round trip, as a bundle goes through storage or the network. */
export function viaJSON<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** The reference fixture made by tests/fixtures/reference/make_pipeline_fixtures.py. */
export interface PipelineFixture {
  quantiles: { name: string; values: number[]; q: number[]; expected: number[]; median: number }[]
  scalers: {
    X: (number | null)[][]
    standard: { mean: number[]; scale: number[]; transformed: (number | null)[][] }
    minmax: { min: number[]; max: number[]; transformed: (number | null)[][] }
    robust: { center: number[]; scale: number[]; transformed: (number | null)[][] }
    imputer: { median: number[]; mean: number[]; most_frequent: number[] }
  }
  selection: { X: number[][]; y: number[]; f: number[]; variances: number[] }
}
