import { cellText, tableBuffers } from './table/access'
import { fingerprintTable } from './table/fingerprint'
import { profileTable, type TableProfile } from './table/profile'
import { readDataFile, type FileFormat } from './table/read-file'
import type { Table } from './types'

/** A loaded dataset with what the page shows about it. */
export interface LoadedDataset {
  table: Table
  profile: TableProfile
  fingerprint: string
  format: FileFormat
  byteLength: number
  warnings: string[]
  /** The first rows as display text, row-major. */
  preview: string[][]
  loadMs: number
}

const PREVIEW_ROWS = 20

/** Reads, profiles and fingerprints a file: the data worker's whole job on load. */
export async function loadDataset(bytes: Uint8Array, fileName: string): Promise<LoadedDataset> {
  const started = Date.now()
  const { table, format, byteLength, warnings } = await readDataFile(bytes, fileName)
  return describeDataset(table, format, byteLength, warnings, started)
}

export function describeDataset(table: Table, format: FileFormat, byteLength: number, warnings: string[], started = Date.now()): LoadedDataset {
  const profile = profileTable(table)
  const preview: string[][] = []
  for (let r = 0; r < Math.min(PREVIEW_ROWS, table.rowCount); r++) preview.push(table.columns.map((c) => cellText(c, r)))
  return { table, profile, fingerprint: fingerprintTable(table), format, byteLength, warnings, preview, loadMs: Date.now() - started }
}

/** Buffers to transfer when a loaded dataset crosses a worker boundary. */
export function datasetBuffers(dataset: LoadedDataset): ArrayBuffer[] {
  return tableBuffers(dataset.table)
}
