import { StudioError } from '../errors'
import type { Column } from '../types'
import { isMissingToken } from './missing'
import { parseCommaNumber, PLAIN_NUMBER } from './number-text'

/**
 * Past this many non-canonical number texts ("6.0", "007") a numeric column
 * stops remembering them; if it later turns out to be text, those cells read
 * as the number's canonical form ("6", "7"). Bounds memory on huge files.
 */
const MAX_REMEMBERED_TEXTS = 100_000

/**
 * Builds one typed column cell by cell, without holding the raw cells: a
 * column starts numeric (Float64Array, NaN for missing) and switches to a
 * dictionary-encoded category column the first time a present cell is not a
 * plain number. Cells may be set in any order (Parquet chunks) or appended
 * (CSV rows). Rows never set are missing.
 *
 * With `decimalComma` (a CSV file whose separator is not a comma) a column
 * also stays numeric while its numbers are written with a decimal comma
 * ("3,5", "1.234,5"; number-text.ts), as long as it never mixes them with a
 * decimal point: the first cell of the other style, and any "1.234" after a
 * decimal comma (grouping or decimals? only the whole column can tell), makes
 * it text, and csv-numbers.ts decides on its levels afterwards.
 */
export class ColumnAccumulator {
  private numeric = true
  private values: Float64Array
  private codes: Int32Array | null = null
  private levels: string[] = []
  private index = new Map<string, number>()
  /** Original text of numeric cells whose text is not the number's canonical form. */
  private texts: Map<number, string> | null = new Map()
  private length = 0
  private spellingsKept = true
  /** How the numbers so far write decimals: null while every one is a whole number. */
  private style: 'point' | 'comma' | null = null
  private commaExample = ''
  private fractionalExample = false

  constructor(readonly name: string, capacity = 1024, private readonly decimalComma = false) {
    this.values = new Float64Array(Math.max(1, capacity)).fill(NaN)
  }

  /** True when the finished column is numbers read with a decimal comma. */
  get readDecimalComma(): boolean {
    return this.numeric && this.style === 'comma'
  }

  /** A cell read with a decimal comma, preferring one whose decimals matter ("3,5" over "1,0"); '' when none. */
  get decimalCommaExample(): string {
    return this.commaExample
  }

  /** Sets cell `row` from a raw value: string (CSV), or number, bigint, boolean, Date, null (Parquet). */
  set(row: number, cell: unknown): void {
    if (row >= this.values.length && this.numeric) this.grow(row + 1)
    if (row >= (this.codes?.length ?? Infinity)) this.grow(row + 1)
    if (row >= this.length) this.length = row + 1
    if (cell === null || cell === undefined) return this.setMissing(row)
    if (typeof cell === 'number') {
      if (!Number.isFinite(cell)) return this.setMissing(row)
      if (this.numeric) this.values[row] = cell
      else this.setText(row, String(cell))
      return
    }
    if (typeof cell === 'bigint') return this.set(row, this.safeNumber(cell))
    if (typeof cell === 'string') return this.setString(row, cell)
    if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? this.setMissing(row) : this.setText(row, cell.toISOString())
    this.setText(row, String(cell).trim())
  }

  /**
   * False when the column became text after MAX_REMEMBERED_TEXTS non-canonical
   * number texts, so some levels are a number's canonical form ("1") rather
   * than the cell as written ("1.000"). Readers must then not re-read the
   * levels as numbers in another style.
   */
  get exactText(): boolean {
    return this.spellingsKept
  }

  /**
   * An int64 as a number, or an error naming the column and the value when a
   * double cannot hold it exactly: silently rounding 9007199254740993 to
   * …992 would merge two patients' record numbers.
   */
  private safeNumber(value: bigint): number {
    const n = Number(value)
    if (Number.isSafeInteger(n)) return n
    throw new StudioError(
      'int64-unsafe',
      `column "${this.name}" holds the whole number ${value}, beyond ±${Number.MAX_SAFE_INTEGER}, the largest the studio can hold exactly; store the column as text (e.g. VARCHAR) or leave it out of the file`,
    )
  }

  /** Appends a cell after the last row set. */
  push(cell: unknown): void {
    this.set(this.length, cell)
  }

  /** The finished column holding `rowCount` rows (default: up to the last row set). */
  finish(rowCount = this.length): Column {
    if (this.numeric) return { name: this.name, type: 'number', values: this.values.slice(0, rowCount) }
    const codes = (this.codes as Int32Array).slice(0, rowCount)
    return { name: this.name, type: 'category', codes, levels: this.levels }
  }

  private setString(row: number, raw: string): void {
    const text = raw.trim()
    if (isMissingToken(text)) return this.setMissing(row)
    const v = this.numeric ? this.readNumber(text) : NaN
    if (!Number.isNaN(v)) {
      this.values[row] = v
      if (this.texts && this.canonical(v) !== text) {
        this.texts.set(row, text)
        if (this.texts.size > MAX_REMEMBERED_TEXTS) this.texts = null
      }
      return
    }
    this.setText(row, text)
  }

  /** The number a text holds in the column's decimal style so far; NaN when it is none, or would mix styles. */
  private readNumber(text: string): number {
    // Once a column has shown a decimal comma, read its cells that way first (the common case, and fast).
    if (this.style === 'comma') {
      if (text.includes('.') && !text.includes(',') && PLAIN_NUMBER.test(text)) return NaN
      return this.readComma(text)
    }
    if (PLAIN_NUMBER.test(text)) {
      if (this.decimalComma && text.includes('.')) this.style = 'point'
      return Number(text)
    }
    if (!this.decimalComma || this.style === 'point') return NaN
    return this.readComma(text)
  }

  /** A number written with a decimal comma (which fixes the column's style), or NaN. */
  private readComma(text: string): number {
    const v = parseCommaNumber(text)
    if (Number.isNaN(v)) return NaN
    this.style = 'comma'
    if (!this.fractionalExample && (!this.commaExample || !Number.isInteger(v))) {
      this.commaExample = text
      this.fractionalExample = !Number.isInteger(v)
    }
    return v
  }

  /** A number as the column writes it when its own text is not remembered: "3.5", or "3,5" in a decimal-comma column. */
  private canonical(v: number): string {
    const text = String(v)
    return this.style === 'comma' ? text.replace('.', ',') : text
  }

  private setMissing(row: number): void {
    if (this.numeric) this.values[row] = NaN
    else (this.codes as Int32Array)[row] = -1
  }

  private setText(row: number, text: string): void {
    if (this.numeric) this.switchToCategories()
    let code = this.index.get(text)
    if (code === undefined) {
      code = this.levels.length
      this.levels.push(text)
      this.index.set(text, code)
    }
    ;(this.codes as Int32Array)[row] = code
  }

  /** Re-encodes the numbers seen so far as text categories, keeping their original spelling where known. */
  private switchToCategories(): void {
    const values = this.values
    const codes = new Int32Array(values.length).fill(-1)
    this.numeric = false
    this.codes = codes
    if (this.texts === null) this.spellingsKept = false
    for (let row = 0; row < values.length; row++) {
      const v = values[row]
      if (Number.isNaN(v)) continue
      this.setText(row, this.texts?.get(row) ?? this.canonical(v))
    }
    this.texts = null
    this.values = new Float64Array(0)
  }

  private grow(minimum: number): void {
    const size = Math.max(minimum, Math.ceil((this.numeric ? this.values.length : (this.codes as Int32Array).length) * 2))
    if (this.numeric) {
      const next = new Float64Array(size).fill(NaN)
      next.set(this.values)
      this.values = next
    } else {
      const next = new Int32Array(size).fill(-1)
      next.set(this.codes as Int32Array)
      this.codes = next
    }
  }
}

/**
 * Builds a typed column from raw cell values (strings from CSV; numbers,
 * bigints, booleans, dates, strings or null from Parquet). A column whose every
 * present cell is a plain number becomes numeric; anything else becomes a
 * dictionary-encoded category column. Missing cells become NaN or code -1.
 */
export function buildColumn(name: string, cells: ArrayLike<unknown>): Column {
  const builder = new ColumnAccumulator(name, cells.length)
  for (let i = 0; i < cells.length; i++) builder.set(i, cells[i])
  return builder.finish(cells.length)
}

/** How uniqueColumnNames words a renamed blank header and a renamed duplicate (group 1: the new name), for readerFindings to recognise. */
export const BLANK_HEADER_MESSAGE = /^Column \d+ has no name in the header, so it is called "(.*)"\.$/
export const DUPLICATE_HEADER_MESSAGE = /^The header names ".*" more than once: column \d+ was renamed "(.*)"\. Check/

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
      warnings.push(`Column ${k + 1} has no name in the header, so it is called "${name}".`)
    }
    if (seen.has(name)) {
      let suffix = 2
      while (seen.has(`${name}_${suffix}`)) suffix++
      warnings.push(`The header names "${name}" more than once: column ${k + 1} was renamed "${name}_${suffix}". Check which one you mean.`)
      name = `${name}_${suffix}`
    }
    seen.add(name)
    names.push(name)
  })
  return { names, warnings }
}
