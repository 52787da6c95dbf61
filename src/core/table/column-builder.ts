import type { Column } from '../types'
import { isMissingToken } from './missing'

/** A number written plainly: optional sign, digits, optional decimals and exponent. */
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * Builds a typed column from raw cell values (strings from CSV; numbers,
 * bigints, booleans, dates, strings or null from Parquet). A column whose every
 * present cell is a plain number becomes numeric; anything else becomes a
 * dictionary-encoded category column. Missing cells become NaN or code -1.
 */
export function buildColumn(name: string, cells: ArrayLike<unknown>): Column {
  const n = cells.length
  let allNumeric = true
  for (let i = 0; i < n && allNumeric; i++) {
    const cell = cells[i]
    if (cell === null || cell === undefined) continue
    if (typeof cell === 'number' || typeof cell === 'bigint') continue
    if (typeof cell === 'string') {
      const t = cell.trim()
      if (isMissingToken(t) || NUMBER_PATTERN.test(t)) continue
    }
    allNumeric = false
  }
  if (allNumeric) {
    const values = new Float64Array(n)
    for (let i = 0; i < n; i++) values[i] = toNumber(cells[i])
    return { name, type: 'number', values }
  }
  const codes = new Int32Array(n)
  const levels: string[] = []
  const index = new Map<string, number>()
  for (let i = 0; i < n; i++) {
    const text = toText(cells[i])
    if (text === null) {
      codes[i] = -1
      continue
    }
    let code = index.get(text)
    if (code === undefined) {
      code = levels.length
      levels.push(text)
      index.set(text, code)
    }
    codes[i] = code
  }
  return { name, type: 'category', codes, levels }
}

function toNumber(cell: unknown): number {
  if (cell === null || cell === undefined) return NaN
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : NaN
  if (typeof cell === 'bigint') return Number(cell)
  const t = String(cell).trim()
  return isMissingToken(t) ? NaN : Number(t)
}

function toText(cell: unknown): string | null {
  if (cell === null || cell === undefined) return null
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : null
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString()
  const text = typeof cell === 'string' ? cell.trim() : String(cell)
  return isMissingToken(text) ? null : text
}

/**
 * Makes header names usable and unique: blank names become "column_<k>" and a
 * repeated name gets a "_2", "_3"… suffix. Returns the names and one warning per change.
 */
export function uniqueColumnNames(raw: readonly string[]): { names: string[]; warnings: string[] } {
  const names: string[] = []
  const warnings: string[] = []
  const seen = new Set<string>()
  raw.forEach((value, k) => {
    let name = value.trim()
    if (name === '') {
      name = `column_${k + 1}`
      warnings.push(`column ${k + 1} has no name; it is called "${name}"`)
    }
    if (seen.has(name)) {
      let suffix = 2
      while (seen.has(`${name}_${suffix}`)) suffix++
      warnings.push(`column name "${name}" appears more than once; column ${k + 1} is called "${name}_${suffix}"`)
      name = `${name}_${suffix}`
    }
    seen.add(name)
    names.push(name)
  })
  return { names, warnings }
}
