import type { Column } from '../../../../src/core/types'

/** A column from plain cells: numbers (null → NaN) or texts (null → missing). */
export function numberColumn(name: string, cells: readonly (number | null)[]): Column {
  return { name, type: 'number', values: Float64Array.from(cells, (v) => (v === null ? NaN : v)) }
}

export function categoryColumn(name: string, cells: readonly (string | null)[]): Column {
  const levels: string[] = []
  const index = new Map<string, number>()
  const codes = Int32Array.from(cells, (v) => {
    if (v === null) return -1
    let code = index.get(v)
    if (code === undefined) index.set(v, (code = levels.push(v) - 1))
    return code
  })
  return { name, type: 'category', codes, levels }
}

export function columnOf(name: string, type: 'number' | 'category', cells: readonly (number | string | null)[]): Column {
  return type === 'number' ? numberColumn(name, cells as (number | null)[]) : categoryColumn(name, cells as (string | null)[])
}

/** Deterministic normal-ish values (sum of uniforms) for tests that need many rows. */
export function normals(n: number, mean: number, sd: number, seed: number): number[] {
  let s = seed >>> 0
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
  return Array.from({ length: n }, () => {
    let u = 0
    for (let k = 0; k < 12; k++) u += next()
    return mean + sd * (u - 6)
  })
}
