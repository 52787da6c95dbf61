/**
 * The cell rules under fire: thousands of generated texts (digits, signs,
 * points, commas, exponents, spaces of every kind, units in any case, the
 * Kelvin sign, separators, missing tokens, letters whose case JavaScript and
 * DuckDB map differently) go through each value-changing step, and DuckDB's
 * result must equal the studio's cell for cell.
 */
import { describe, expect, it } from 'vitest'
import { RECIPE_FORMAT, recipeVersion, type CleaningRecipe, type CleaningStep } from '../../../../../src/core/clean/types'
import { DUCKDB_LOWER_DIFFERS, DUCKDB_UPPER_DIFFERS } from '../../../../../src/core/interop/sql/duckdb-case'
import { cleanBothWays } from './duckdb-run'
import { random } from './dirty-data'

const PIECES = ['1', '2', '0', '7', '12', '345', '.', ',', ' ', '\u00a0', '\u202f', '\u2003', 'e', 'E', '-', '+', '/', ' / ', 'kg', 'KG', 'Kg', '\u212Ag', ' kg', '%', ' %', 'mmHg', 'MMHG', 'µmol/L', 'mg', '1.234', '1 234', 'NA', 'null', '?', 'yes', 'No', 'TRUE', 'f', 'x', 'İ', 'ß', 'ǅ', 'ﬁ', 'Σ', '\t']

function texts(count: number, seed: number, avoid?: RegExp): string[] {
  const next = random(seed)
  const out = new Set<string>()
  while (out.size < count) {
    const parts = 1 + Math.floor(next() * 5)
    let s = ''
    for (let k = 0; k < parts; k++) s += PIECES[Math.floor(next() * PIECES.length)]
    if (!avoid || !avoid.test(s)) out.add(s)
  }
  return [...out]
}

/** A one-text-column file (plus a label column that keeps every row non-blank): cells quoted when they need it. */
function csv(values: readonly string[]): Uint8Array {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return new TextEncoder().encode(['v,row', ...values.map((v, i) => `${cell(v)},r${i}`)].join('\n') + '\n')
}

const recipe = (steps: CleaningStep[]): CleaningRecipe => ({ format: RECIPE_FORMAT, version: recipeVersion(steps), sourceColumns: ['v', 'row'], steps })

describe('recipe as SQL: generated texts through each value step', () => {
  const values = texts(3000, 1, /Σ/)
  const file = csv(values)
  const cases: [string, CleaningStep][] = [
    ['to number', { id: 's', kind: 'convert', column: 'v', to: 'number' }],
    ['to number, decimal comma', { id: 's', kind: 'convert', column: 'v', to: 'number', decimalComma: true }],
    ['to number, unit kg', { id: 's', kind: 'convert', column: 'v', to: 'number', unit: 'kg' }],
    ['to number, unit %, decimal comma', { id: 's', kind: 'convert', column: 'v', to: 'number', unit: '%', decimalComma: true }],
    ['to number, unit µmol/L', { id: 's', kind: 'convert', column: 'v', to: 'number', unit: 'µmol/L' }],
    ['to yes/no', { id: 's', kind: 'convert', column: 'v', to: 'boolean' }],
    ['split at /', { id: 's', kind: 'split', column: 'v', separator: '/', into: ['a', 'b'] }],
    ['split at / with mmHg and decimal comma', { id: 's', kind: 'split', column: 'v', separator: '/', into: ['a', 'b'], unit: 'mmHg', decimalComma: true }],
    ['split at " / "', { id: 's', kind: 'split', column: 'v', separator: ' / ', into: ['a', 'b'] }],
    ['text: trim, lower', { id: 's', kind: 'standardize-text', columns: ['v'], trim: true, case: 'lower', valueMap: { KG: 'kilo', na: 'x' } }],
    ['text: upper, no trim', { id: 's', kind: 'standardize-text', columns: ['v'], trim: false, case: 'upper', valueMap: { 'YES ': 'NA' } }],
    ['text: dedupe', { id: 's', kind: 'dedupe', columns: ['v'] }],
  ]
  it.each(cases)('%s', async (_name, step) => {
    const { diff } = await cleanBothWays(file, 'fuzz.csv', recipe([step]))
    expect(diff).toEqual([])
  })

  it('upper and lower of every character whose case DuckDB maps differently from JavaScript', async () => {
    const special = [...new Set([...DUCKDB_LOWER_DIFFERS, ...DUCKDB_UPPER_DIFFERS])].filter((cp) => cp !== 0x3a3).map((cp) => String.fromCodePoint(cp))
    const words = special.map((ch, i) => `a${ch}B${special[(i * 7) % special.length]}z`)
    for (const kase of ['lower', 'upper'] as const) {
      const { diff } = await cleanBothWays(csv(words), 'case.csv', recipe([{ id: 's', kind: 'standardize-text', columns: ['v'], trim: true, case: kase, valueMap: {} }]))
      expect(diff).toEqual([])
    }
  })
})

describe('recipe as SQL: numbers written as text (convert to category)', () => {
  it('writes every number as JavaScript writes it', async () => {
    const next = random(3)
    const numbers: string[] = ['0', '-0', '1', '-1', '0.1', '1e21', '1e-7', '1e-6', '123e-9', '5e-324', '1.7976931348623157e308', '123456789012345678901', '999999999999999999999', '1e20', '0.000001234', '100', '1.5e300', '2.5', '-4.25e-10']
    for (let i = 0; i < 2000; i++) {
      const magnitude = Math.floor(next() * 60) - 30
      const v = (next() - 0.5) * 10 ** magnitude
      numbers.push(next() < 0.3 ? String(Math.round(v)) : String(v))
    }
    const file = new TextEncoder().encode(['v,row', ...numbers.map((n, i) => `${n},r${i}`)].join('\n') + '\n')
    const { studio, diff } = await cleanBothWays(file, 'numbers.csv', recipe([{ id: 'c', kind: 'convert', column: 'v', to: 'category' }]))
    expect(studio.columns[0].type).toBe('category')
    expect(diff).toEqual([])
  })
})
