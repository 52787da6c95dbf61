/**
 * Builds a Table from a sheet's rows as they stream in. Empty rows never
 * arrive (so trailing and blank rows are dropped), and a column exists only if
 * it has a header or a value (so trailing and spacer columns are dropped).
 * Whether the second non-empty row is data or part of the header is only
 * known at the end, when the merged ranges have been read: it is held aside
 * and every later row is written one place further down, so either answer
 * costs nothing. Merged cells in the data are filled down with their value.
 */
import { StudioError } from '../../errors'
import type { Column, Table } from '../../types'
import { ColumnAccumulator, uniqueColumnNames } from '../column-builder'
import { headerLayout } from './xlsx-header'
import type { MergeRange, SheetListener, SheetRow } from './xlsx-sheet'
import { columnLetters } from './xlsx-sheet'

/** Error cells remembered for the warning (the count is kept for all). */
const ERRORS_KEPT = 1000

/** Thrown by finish() for a sheet without any non-empty row, so the reader can try another sheet. */
export class EmptySheetError extends Error {}

export class SheetTableBuilder implements SheetListener {
  private first: SheetRow | null = null
  private second: SheetRow | null = null
  private readonly columns: (ColumnAccumulator | undefined)[] = []
  /** Last index written per column, so every column can be padded to the full length. */
  private readonly lastIndex: number[] = []
  private columnCount = 0
  /** Rows placed so far; index 0 is reserved for the second non-empty row. */
  private placed = 0
  private rowNumbers = new Int32Array(1024)
  private readonly errors: { row: number; col: number; code: string }[] = []
  private errorCount = 0
  private readonly missingResults: { row: number; col: number }[] = []
  private missingResultCount = 0

  constructor(
    private readonly what: string,
    private readonly maxCells: number,
  ) {}

  /** Non-empty rows read below the first (the header) so far, for progress. */
  get rowsRead(): number {
    return this.placed
  }

  row(row: SheetRow): void {
    if (!this.first) return void (this.first = row)
    if (!this.second) {
      this.second = row
      this.placeRowNumber(0, row.number)
      this.placed = 1
      return
    }
    // Checked before writing, so a sheet past the limit never allocates its columns.
    let fresh = 0
    for (const col of row.cols) if (this.columns[col] === undefined) fresh++
    this.checkCells(this.placed + 1, this.columnCount + fresh)
    const index = this.placed++
    this.placeRowNumber(index, row.number)
    for (let i = 0; i < row.cols.length; i++) this.write(row.cols[i], index, row.values[i])
  }

  errorCell(row: number, col: number, code: string): void {
    this.errorCount++
    if (this.errors.length < ERRORS_KEPT) this.errors.push({ row, col, code })
  }

  formulaWithoutResult(row: number, col: number): void {
    this.missingResultCount++
    if (this.missingResults.length < ERRORS_KEPT) this.missingResults.push({ row, col })
  }

  /** The table and the reader's findings; `merges` are the sheet's merged ranges. */
  finish(name: string, merges: readonly MergeRange[]): { table: Table; warnings: string[] } {
    const first = this.first
    if (!first) throw new EmptySheetError()
    const layout = headerLayout(first, this.second, merges)
    if (layout.rows === 1 && this.second) {
      this.second.cols.forEach((col, i) => this.write(col, 0, this.second?.values[i] ?? null))
    }
    const skip = layout.rows === 2 ? 1 : 0
    const rowCount = this.placed - skip
    const headerColumns = [...layout.names.keys()]
    const used = [...new Set([...headerColumns, ...this.columns.keys()].filter((c) => layout.names.has(c) || this.columns[c] !== undefined))].sort((a, b) => a - b)
    if (rowCount <= 0) {
      throw new StudioError('no-rows', `xlsx: ${this.what} has a header of ${used.length} column(s) but no data rows`)
    }
    this.checkCells(rowCount, used.length)
    const unique = uniqueColumnNames(used.map((c) => layout.names.get(c) ?? ''))
    const columns: Column[] = used.map((c, k) => this.finishColumn(c, unique.names[k], this.placed, skip))
    const dataRows = this.rowNumbers.subarray(skip, this.placed)
    const lastHeaderRow = first.number + layout.rows - 1
    const position = new Map(used.map((c, k) => [c, k]))
    const warnings = [
      ...layout.warnings,
      ...unique.warnings,
      ...fillMergedDown(columns, position, dataRows, merges, lastHeaderRow),
      ...this.cellWarnings((col) => unique.names[position.get(col) ?? -1] ?? columnLetters(col), lastHeaderRow),
    ]
    return { table: { name, rowCount, columns }, warnings }
  }

  private write(col: number, index: number, value: unknown): void {
    let column = this.columns[col]
    if (!column) {
      column = new ColumnAccumulator(columnLetters(col), Math.max(256, index + 1))
      this.columns[col] = column
      this.lastIndex[col] = -1
      this.columnCount++
    }
    column.set(index, value)
    if (index > this.lastIndex[col]) this.lastIndex[col] = index
  }

  private finishColumn(col: number, name: string, length: number, skip: number): Column {
    const builder = this.columns[col] ?? new ColumnAccumulator(name, length)
    // Pad to the full length: a column's last cells may be empty.
    if ((this.lastIndex[col] ?? -1) < length - 1) builder.set(length - 1, null)
    const column = builder.finish(length)
    if (column.type === 'number') return { name, type: 'number', values: skip ? column.values.slice(skip) : column.values }
    return { name, type: 'category', codes: skip ? column.codes.slice(skip) : column.codes, levels: column.levels }
  }

  private placeRowNumber(index: number, rowNumber: number): void {
    if (index >= this.rowNumbers.length) {
      const grown = new Int32Array(this.rowNumbers.length * 2)
      grown.set(this.rowNumbers)
      this.rowNumbers = grown
    }
    this.rowNumbers[index] = rowNumber
  }

  private checkCells(rows: number, columns: number): void {
    if (rows * columns <= this.maxCells) return
    throw new StudioError(
      'xlsx-too-many-cells',
      `xlsx: ${this.what} has more than ${this.maxCells.toLocaleString('en-US')} cells (${rows.toLocaleString('en-US')} rows × ${columns.toLocaleString('en-US')} columns read so far), ` +
        `the limit for one sheet; save the columns you need as CSV or Parquet, or split the sheet`,
    )
  }

  private cellWarnings(nameOf: (col: number) => string, lastHeaderRow: number): string[] {
    const warnings: string[] = []
    const errors = this.errors.filter((e) => e.row > lastHeaderRow)
    if (errors.length > 0) {
      const count = this.errorCount - (this.errors.length - errors.length)
      const codes = [...new Set(errors.map((e) => e.code))].slice(0, 4).join(', ')
      warnings.push(`${count.toLocaleString('en-US')} cell(s) with a formula error (${codes}) were read as missing: ${describeCells(errors, nameOf)}`)
    }
    const missing = this.missingResults.filter((e) => e.row > lastHeaderRow)
    if (missing.length > 0) {
      warnings.push(
        `${this.missingResultCount.toLocaleString('en-US')} formula cell(s) were saved without their result and were read as missing: ${describeCells(missing, nameOf)}; ` +
          'open the workbook in Excel or LibreOffice and save it again to store the results',
      )
    }
    return warnings
  }
}

/** 'column "ratio" (rows 4, 7), column "bmi" (row 9)': at most 5 columns and 3 rows each. */
function describeCells(cells: { row: number; col: number }[], nameOf: (col: number) => string): string {
  const byColumn = new Map<number, number[]>()
  for (const { row, col } of cells) {
    const rows = byColumn.get(col)
    if (rows) rows.push(row)
    else byColumn.set(col, [row])
  }
  const parts = [...byColumn].slice(0, 5).map(([col, rows]) => {
    const shown = rows.slice(0, 3).join(', ') + (rows.length > 3 ? ', …' : '')
    return `column "${nameOf(col)}" (${rows.length === 1 ? 'row' : 'rows'} ${shown})`
  })
  return parts.join(', ') + (byColumn.size > 5 ? ', …' : '')
}

/**
 * Merged cells below the header keep their value only in the top cell; a
 * reader of the sheet sees it in every row of the range, so each range's
 * value is copied down its column. Returns a warning when any was filled.
 */
function fillMergedDown(columns: Column[], position: Map<number, number>, dataRows: Int32Array, merges: readonly MergeRange[], lastHeaderRow: number): string[] {
  const filled: string[] = []
  let cells = 0
  // Ranges in one column never overlap in a real sheet, so the walks below visit each cell at most once;
  // overlapping ranges (a crafted file) would multiply the work, and are refused when they exceed that.
  let budget = dataRows.length * Math.max(1, columns.length)
  for (const m of merges) {
    if (m.r1 <= lastHeaderRow || m.r2 === m.r1) continue
    const k = position.get(m.c1)
    const top = lowerBound(dataRows, m.r1)
    if (k === undefined || top >= dataRows.length || dataRows[top] !== m.r1) continue
    const column = columns[k]
    let count = 0
    for (let i = top + 1; i < dataRows.length && dataRows[i] <= m.r2; i++) {
      if (--budget < 0) throw new StudioError('xlsx-damaged', `xlsx: merged cell ranges overlap in column "${column.name}"; the file is damaged — export it again`)
      if (column.type === 'number') {
        if (!Number.isNaN(column.values[i])) continue
        column.values[i] = column.values[top]
        count++
      } else if (column.codes[i] < 0) {
        column.codes[i] = column.codes[top]
        count++
      }
    }
    if (count > 0) {
      cells += count
      if (filled.length < 3) filled.push(`"${column.name}" rows ${m.r1}–${m.r2}`)
    }
  }
  if (cells === 0) return []
  return [`${cells.toLocaleString('en-US')} cell(s) in merged ranges were filled with the range's value (${filled.join(', ')}${filled.length === 3 ? ', …' : ''})`]
}

/** First index of ascending `values` whose value is ≥ `target`. */
function lowerBound(values: Int32Array, target: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (values[mid] < target) lo = mid + 1
    else hi = mid
  }
  return lo
}
