/**
 * Reading the CLI's input files from disk with the same core reader the page
 * uses, turning file-system failures into one-line messages.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { createGunzip } from 'node:zlib'
import type { Gunzip } from '../../core/table/gzip'
import { readDataFile, type LoadedFile } from '../../core/table/read-file'
import { CliError } from './run-cli'

/** Gzip through zlib: a stream of chunks that core stops (destroying the stream) past its cap. */
export const zlibGunzip: Gunzip = (bytes) => createGunzip().end(bytes)

/** Reads a CSV or Parquet file (gzip-compressed or not) into a table named after the file. */
export async function readTableFile(path: string): Promise<LoadedFile> {
  return readDataFile(await readBytes(path, 'data file'), basename(path), undefined, { gunzip: zlibGunzip })
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
