/**
 * Turns a worksheet's XML (streamed through XmlStream) into rows of typed
 * cell values: shared and inline strings as text, numbers as numbers, numbers
 * in a date style as ISO text, booleans as true/false, formulas as the result
 * the spreadsheet saved with them, and error cells (#DIV/0!) as missing but
 * reported. Rows are handed on one at a time, so the sheet is never held whole;
 * the merged ranges, listed after the cells, are collected for the end.
 */
import { StudioError } from '../../errors'
import { isoCellText, serialToIso } from './xlsx-dates'
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, MAX_CELL_CHARS, MAX_MERGED_RANGES } from './xlsx-limits'
import { attribute, decodeOoxmlEscapes, type XmlHandler } from './xlsx-xml'
import type { WorkbookInfo } from './xlsx-workbook'

/** A cell's value: text (dates are ISO text), number, boolean, or null for an empty or error cell. */
export type CellValue = string | number | boolean | null

/** The non-empty cells of one sheet row; `cols` are 0-based column indexes in ascending order. */
export interface SheetRow {
  /** 1-based row number in the sheet. */
  number: number
  cols: number[]
  values: CellValue[]
  /** Error cells in the row (they are in `cols` with the value null). */
  errors: number
}

/** A merged range: rows 1-based as in the sheet, columns 0-based, both inclusive. */
export interface MergeRange {
  r1: number
  r2: number
  c1: number
  c2: number
}

/** What the sheet reader reports besides rows. */
export interface SheetListener {
  row(row: SheetRow): void
  /** An error cell (#DIV/0!, #N/A …), read as missing. */
  errorCell(row: number, col: number, code: string): void
  /** A formula cell saved without its result (written by a program that does not calculate), read as missing. */
  formulaWithoutResult(row: number, col: number): void
}

export class SheetReader implements XmlHandler {
  readonly merges: MergeRange[] = []
  private rowNumber = 0
  private col = -1
  private cols: number[] = []
  private values: CellValue[] = []
  private errors = 0
  private type = 'n'
  private style = 0
  private parts: string[] = []
  private partsLength = 0
  private capture = false
  private inInline = false
  private phonetic = 0
  private hasValue = false
  private hasFormula = false

  constructor(
    private readonly book: WorkbookInfo,
    private readonly listener: SheetListener,
    private readonly what: string,
  ) {}

  open(name: string, attributes: string, selfClosing: boolean): void {
    switch (name) {
      case 'c': {
        const ref = attribute(attributes, 'r')
        this.col = ref === undefined ? this.col + 1 : this.columnOf(ref)
        this.type = attribute(attributes, 't') ?? 'n'
        const style = attribute(attributes, 's')
        this.style = style === undefined ? 0 : Number(style)
        this.parts = []
        this.partsLength = 0
        this.hasValue = false
        this.hasFormula = false
        if (selfClosing) this.endCell()
        return
      }
      case 'v':
        this.hasValue = true
        this.capture = !selfClosing
        return
      case 'f':
        this.hasFormula = true
        return
      case 'is':
        this.inInline = !selfClosing
        this.hasValue = true
        return
      case 't':
        this.capture = this.inInline && this.phonetic === 0 && !selfClosing
        return
      case 'rPh':
        if (!selfClosing) this.phonetic++
        return
      case 'row': {
        const ref = attribute(attributes, 'r')
        const next = ref === undefined ? this.rowNumber + 1 : Number(ref)
        if (!Number.isInteger(next) || next < 1 || next > EXCEL_MAX_ROWS) {
          throw new StudioError('xlsx-damaged', `xlsx: ${this.what} has a row numbered "${ref}", outside Excel's 1–${EXCEL_MAX_ROWS.toLocaleString('en-US')}; the file is damaged`)
        }
        if (next <= this.rowNumber) {
          throw new StudioError('xlsx-damaged', `xlsx: ${this.what} lists row ${next} after row ${this.rowNumber}; rows must be in order, so the file is damaged`)
        }
        this.rowNumber = next
        this.col = -1
        this.cols = []
        this.values = []
        this.errors = 0
        if (selfClosing) this.endRow()
        return
      }
      case 'mergeCell': {
        const range = parseRange(attribute(attributes, 'ref') ?? '')
        if (!range) return
        if (this.merges.length >= MAX_MERGED_RANGES) {
          throw new StudioError('xlsx-too-many-merges', `xlsx: ${this.what} has more than ${MAX_MERGED_RANGES.toLocaleString('en-US')} merged cell ranges, the limit for one sheet; unmerge the cells or save the sheet as CSV`)
        }
        this.merges.push(range)
        return
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capture = false
        return
      case 'is':
        this.inInline = false
        return
      case 'rPh':
        this.phonetic--
        return
      case 'c':
        this.endCell()
        return
      case 'row':
        this.endRow()
        return
    }
  }

  text(value: string): void {
    this.partsLength += value.length
    if (this.partsLength > MAX_CELL_CHARS) {
      throw new StudioError('xlsx-cell-too-long', `xlsx: ${this.what} has a cell in row ${this.rowNumber} longer than ${MAX_CELL_CHARS.toLocaleString('en-US')} characters (Excel holds at most 32,767); the file is damaged or crafted`)
    }
    this.parts.push(value)
  }

  wantsText(): boolean {
    return this.capture
  }

  private endRow(): void {
    if (this.cols.length > 0) this.listener.row({ number: this.rowNumber, cols: this.cols, values: this.values, errors: this.errors })
    this.cols = []
    this.values = []
    this.errors = 0
  }

  private endCell(): void {
    const raw = this.parts.length === 1 ? this.parts[0] : this.parts.join('')
    const value = this.cellValue(raw)
    if (value === ERROR) {
      this.cols.push(this.col)
      this.values.push(null)
      this.errors++
      this.listener.errorCell(this.rowNumber, this.col, raw.trim())
    } else if (value !== null && !(typeof value === 'string' && value.trim() === '')) {
      this.cols.push(this.col)
      this.values.push(value)
    }
  }

  private cellValue(raw: string): CellValue | typeof ERROR {
    switch (this.type) {
      case 's': {
        if (!this.hasValue) return null
        const text = this.book.sharedStrings[Number(raw)]
        if (text === undefined) {
          throw new StudioError('xlsx-damaged', `xlsx: ${this.what} refers to shared string ${raw.trim()}, but the workbook has ${this.book.sharedStrings.length}; the file is damaged`)
        }
        return text
      }
      case 'inlineStr':
      case 'str':
        if (this.type === 'str' && !this.hasValue && this.hasFormula) return this.noResult()
        return decodeOoxmlEscapes(raw)
      case 'b':
        return raw.trim() === '1' ? true : raw.trim() === '0' ? false : null
      case 'e':
        return ERROR
      case 'd':
        return isoCellText(raw)
      default: {
        if (!this.hasValue || raw.trim() === '') return this.hasFormula ? this.noResult() : null
        const number = Number(raw)
        if (!Number.isFinite(number)) return null
        const kind = this.book.styleDateKinds[this.style]
        return kind ? serialToIso(number, kind, this.book.date1904) : number
      }
    }
  }

  private noResult(): null {
    this.listener.formulaWithoutResult(this.rowNumber, this.col)
    return null
  }

  private columnOf(ref: string): number {
    const col = columnIndex(ref)
    if (col < 0 || col >= EXCEL_MAX_COLUMNS) {
      throw new StudioError('xlsx-damaged', `xlsx: ${this.what} has a cell "${ref}" outside Excel's columns A–XFD; the file is damaged`)
    }
    return col
  }
}

const ERROR = Symbol('error cell')

/** 0-based column of a cell reference ("A1" → 0, "AB7" → 27); -1 when it has no letters. */
export function columnIndex(ref: string): number {
  let col = 0
  let i = 0
  for (; i < ref.length && i < 4; i++) {
    const c = ref.charCodeAt(i) & ~32 // upper case
    if (c < 65 || c > 90) break
    col = col * 26 + (c - 64)
  }
  return i === 0 ? -1 : col - 1
}

/** Column letters for a 0-based index: 0 → "A", 27 → "AB". */
export function columnLetters(col: number): string {
  let letters = ''
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

/** "B2:D3" → rows 2–3, columns 1–3; a single cell "B2" is a 1×1 range; null when unreadable. */
export function parseRange(ref: string): MergeRange | null {
  const [from, to = from] = ref.split(':')
  const a = cellRef(from)
  const b = cellRef(to)
  if (!a || !b) return null
  return { r1: Math.min(a.row, b.row), r2: Math.max(a.row, b.row), c1: Math.min(a.col, b.col), c2: Math.max(a.col, b.col) }
}

function cellRef(ref: string): { row: number; col: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim())
  if (!match) return null
  return { col: columnIndex(match[1]), row: Number(match[2]) }
}
