import { cellText } from './table/access'
import { fingerprintTable } from './table/fingerprint'
import { profileTable, type TableProfile } from './table/profile'
import { readDataFile, type FileFormat } from './table/read-file'
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
  warnings: string[]
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
export async function loadDataset(bytes: Uint8Array, fileName: string, onProgress?: ProgressCallback): Promise<LoadedDataset> {
  const started = Date.now()
  const { table, format, compression, byteLength, warnings } = await readDataFile(bytes, fileName, onProgress)
  const readMs = Date.now() - started
  onProgress?.({ stage: 'profile', done: 0, total: 1, message: `profiling ${table.rowCount.toLocaleString('en-US')} rows × ${table.columns.length} columns` })
  return { table, view: describeTable(table, { format, compression, byteLength, warnings, readMs }) }
}

/** The view of a table; `source` says where it came from. */
export function describeTable(table: Table, source: { format: FileFormat; compression?: 'gzip'; byteLength: number; warnings: string[]; readMs: number }): DatasetView {
  const started = Date.now()
  const profile = profileTable(table)
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
    preview,
    timings: { readMs: source.readMs, profileMs: Date.now() - started },
  }
}
