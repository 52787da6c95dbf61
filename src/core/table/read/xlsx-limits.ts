/**
 * Bounds on the work one workbook may cause. An .xlsx file is a ZIP of XML
 * parts: a crafted one can claim a thousand entries, inflate a few kilobytes
 * into gigabytes (a zip bomb) or place one cell at the far corner of the grid.
 * Every limit is checked before the work it bounds, and each refusal names
 * the limit, so a malicious or huge workbook costs seconds, never the page.
 */

export interface XlsxLimits {
  /** ZIP entries in the workbook, counted from the ZIP directory before anything is inflated (real workbooks have a few dozen). */
  maxEntries: number
  /**
   * Uncompressed bytes of the sheet read. Checked against the size the ZIP directory declares before inflating,
   * and against the bytes actually produced while inflating. The sheet is parsed in chunks as it inflates, so
   * this bounds time (a few seconds per 100 MiB), not memory: the cell cap below bounds memory.
   */
  maxSheetBytes: number
  /** Uncompressed bytes of any other part read (the shared strings, styles, workbook), each held whole as text; checked the same way. */
  maxPartBytes: number
  /** Cells of the table read from a sheet: data rows × columns. */
  maxCells: number
}

export const DEFAULT_XLSX_LIMITS: Readonly<XlsxLimits> = {
  maxEntries: 10_000,
  // A 1,000,000 × 30 sheet is about 1.1 GB of XML; the cell cap, not this, should be what refuses it.
  maxSheetBytes: 2 * 1024 * 1024 * 1024,
  // Well below the longest string a JavaScript engine builds (~512 MiB in V8).
  maxPartBytes: 256 * 1024 * 1024,
  // 1,000,000 rows × 30 columns: 240 MB of numbers, the largest table the studio's CSV benchmark reads.
  maxCells: 30_000_000,
}

/** Merged ranges in one sheet: real sheets have dozens; each is kept until the sheet ends. */
export const MAX_MERGED_RANGES = 100_000
/** Characters in one cell: Excel holds at most 32,767. */
export const MAX_CELL_CHARS = 1024 * 1024

/** Excel's own grid: 1,048,576 rows × 16,384 columns (A … XFD). A cell reference beyond it is a damaged file. */
export const EXCEL_MAX_ROWS = 1_048_576
export const EXCEL_MAX_COLUMNS = 16_384

/** "1 GiB", "512 KiB": byte counts in limit messages. */
export function formatByteLimit(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1 && value % 1024 === 0) {
    value /= 1024
    unit++
  }
  return `${value.toLocaleString('en-US')} ${units[unit]}`
}
