/**
 * Reading the CLI's input files from disk with the same core reader the page
 * uses, turning file-system failures into one-line messages.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { createGunzip } from 'node:zlib'
import { loadDataset, type LoadedDataset } from '../../core/dataset'
import type { Gunzip } from '../../core/table/read/gzip'
import { readDataFile, type LoadedFile, type ReadOptions } from '../../core/table/read/read-file'
import { optionalString, type OptionValues } from './args'
import { CliError, EXIT_USAGE } from './run-cli'

/** Gzip through zlib: a stream of chunks that core stops (destroying the stream) past its cap. */
export const zlibGunzip: Gunzip = (bytes) => createGunzip().end(bytes)

/** The option every command that reads data accepts: which sheet of an Excel workbook to read. */
export const SHEET_OPTION = { sheet: { type: 'string' } } as const

/** How to read the data file, from the command's options (--sheet); gzip goes through zlib. */
export function readOptions(values: OptionValues): ReadOptions {
  const sheet = optionalString(values, 'sheet')
  if (sheet === undefined) return { gunzip: zlibGunzip }
  if (sheet.trim() === '') throw new CliError('--sheet needs the name of a sheet; see --help', EXIT_USAGE)
  return { gunzip: zlibGunzip, sheet }
}

/** Reads a CSV, Parquet or Excel file (gzip-compressed or not) into a table named after the file (`options.sheet`: the workbook's sheet). */
export async function readTableFile(path: string, options: ReadOptions = {}): Promise<LoadedFile> {
  return readDataFile(await readBytes(path, 'data file'), basename(path), undefined, { gunzip: zlibGunzip, ...options })
}

/** Reads and profiles a data file exactly as the page's data worker does (core's loadDataset). */
export async function loadDatasetFile(path: string, options: ReadOptions = {}): Promise<LoadedDataset> {
  return loadDataset(await readBytes(path, 'data file'), basename(path), undefined, { gunzip: zlibGunzip, ...options })
}

/** "parkinsons.csv", or 'clinic.xlsx, sheet "Vitals"' for a workbook: what was read, for progress lines. */
export function describeSource(loaded: LoadedFile): string {
  return loaded.workbook ? `${loaded.table.name}, sheet "${loaded.workbook.sheet}"` : loaded.table.name
}

/** Reads and parses a JSON file (a model bundle), naming the file when it is not JSON. */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  const text = new TextDecoder().decode(await readBytes(path, what))
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new CliError(`${what} "${path}" is not valid JSON (${error instanceof Error ? error.message : error})`)
  }
}

/** The bytes of a file, or a CliError saying why it cannot be read. */
export async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path))
  } catch (error) {
    throw new CliError(`cannot read ${what} "${path}": ${fileProblem(error)}`)
  }
}

/** A short reason for a failed file operation. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code
  if (code === 'ENOENT') return 'no such file or directory'
  if (code === 'EISDIR') return 'it is a directory'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  return error instanceof Error ? error.message : String(error)
}
