import { cellText } from './table/access'
import { fingerprintTable } from './table/fingerprint'
import { profileTable, type TableProfile } from './table/profile/profile'
import { readDataFile, type FileFormat, type LoadedFile, type ReadOptions } from './table/read/read-file'
import { readerFindings, readerWarnings, type ReaderFinding } from './table/read/reader-findings'
import { textNumberWarnings } from './table/read/unit-warnings'
import type { ProgressCallback, Table } from './types'

/**
 * What the page shows about a table held in the data worker: counts, profile,
 * first rows and identity — everything but the cells themselves, so a
 * million-row table never has to live in the page.
 */
export interface DatasetView {
  name: string
  rowCount: number
  columnNames: string[]
  profile: TableProfile
  fingerprint: string
  format: FileFormat
  /** 'gzip' when the file was gzip-compressed as a whole. */
  compression?: 'gzip'
  byteLength: number
  /** What the reader changed or noticed, as sentences (also in `profile.warnings`, with their kinds). */
  warnings: string[]
  /** For an Excel workbook: its sheets and the one shown. */
  workbook?: LoadedFile['workbook']
  /** The reader's findings with their kinds, as they enter `profile.warnings`. */
  readerFindings: ReaderFinding[]
  /** The first rows as display text, row-major. */
  preview: string[][]
  /** How long reading and profiling took, in milliseconds. */
  timings: { readMs: number; profileMs: number }
}

/** A file read into a table, with its view. */
export interface LoadedDataset {
  table: Table
  view: DatasetView
}

const PREVIEW_ROWS = 20

/** Reads, profiles and fingerprints a file: the data worker's whole job on load. */
export async function loadDataset(bytes: Uint8Array, fileName: string, onProgress?: ProgressCallback, options?: ReadOptions): Promise<LoadedDataset> {
  const started = Date.now()
  const { table, format, compression, byteLength, warnings, findings, workbook } = await readDataFile(bytes, fileName, onProgress, options)
  const readMs = Date.now() - started
  onProgress?.({ stage: 'profile', done: 0, total: 1, message: `profiling ${table.rowCount.toLocaleString('en-US')} rows × ${table.columns.length} columns` })
  return { table, view: describeTable(table, { format, compression, byteLength, warnings, findings, readMs, workbook }) }
}

/** Where a described table came from: the file's format and size, what its reader reported, how long reading took. */
export interface TableSource {
  format: FileFormat
  /** 'gzip' when the file was gzip-compressed as a whole. */
  compression?: 'gzip'
  byteLength: number
  warnings: string[]
  /** Structured reader findings (optional; plain `warnings` are classified by readerFindings). */
  findings?: ReaderFinding[]
  readMs: number
  /** For an Excel workbook: its sheets and the one shown. */
  workbook?: LoadedFile['workbook']
}

/**
 * The view of a table; `source` says where it came from. The profile's
 * warnings are, in this order: what the reader changed or noticed (a renamed
 * header, a decimal comma read, …), the profile's own findings, then notes on
 * numbers written as text (mixed units; units, decimal commas and pairs the
 * Clean page can read). A cleaned table keeps its file's reader findings.
 */
export function describeTable(table: Table, source: TableSource): DatasetView {
  const started = Date.now()
  const findings = readerFindings(source.warnings, source.findings)
  const computed = profileTable(table)
  const numbers = textNumberWarnings(table, computed.columns)
  // "Many different values" or "an identifier" is the wrong advice for a column of measurements written as text.
  const generic = computed.warnings.filter((w) => !(numbers.columns.has(w.column ?? '') && (w.kind === 'high-cardinality' || w.kind === 'identifier')))
  const profile = { ...computed, warnings: [...readerWarnings(findings), ...generic, ...numbers.warnings] }
  const preview: string[][] = []
  for (let r = 0; r < Math.min(PREVIEW_ROWS, table.rowCount); r++) preview.push(table.columns.map((c) => cellText(c, r)))
  return {
    name: table.name,
    rowCount: table.rowCount,
    columnNames: table.columns.map((c) => c.name),
    profile,
    fingerprint: fingerprintTable(table),
    format: source.format,
    ...(source.compression ? { compression: source.compression } : {}),
    byteLength: source.byteLength,
    warnings: source.warnings,
    ...(source.workbook && { workbook: source.workbook }),
    readerFindings: findings,
    preview,
    timings: { readMs: source.readMs, profileMs: Date.now() - started },
  }
}
