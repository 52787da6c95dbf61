/**
 * Finding and loading bundle files: the store's disk side. A bundle is
 * validated by core (Predictor.fromBundle: JSON Schema, migration, golden
 * cases) before it can be served; any failure is returned, not thrown, so the
 * store can keep the version it already serves.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { BUNDLE_FORMAT, bundleServeName } from '../../core/bundle/bundle'
import { Predictor } from '../../core/bundle/predictor'
import { errorCode } from '../../core/errors'
import type { ServedModel } from './served-model'

/** How deep a directory is searched for *.json bundles (registry/<name>/<version>.json and the like). */
const MAX_DEPTH = 4

/** Identity of a file's content on disk: changes when the file is rewritten or replaced. */
export type FileStamp = string

/** The stamp of `path`, or null when it does not exist (any more). */
export async function fileStamp(path: string): Promise<FileStamp | null> {
  try {
    const s = await stat(path, { bigint: true })
    if (!s.isFile()) return null
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`
  } catch {
    return null
  }
}

/** Every *.json file under `dir` and every folder searched (hidden folders and node_modules skipped), sorted. */
export async function listBundleTree(dir: string, depth = 0): Promise<{ files: string[]; dirs: string[] }> {
  const tree = { files: [] as string[], dirs: [dir] }
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch {
    return { files: [], dirs: [] }
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory() && depth < MAX_DEPTH && entry.name !== 'node_modules') {
      const sub = await listBundleTree(path, depth + 1)
      tree.files.push(...sub.files)
      tree.dirs.push(...sub.dirs)
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) tree.files.push(path)
  }
  tree.files.sort()
  return tree
}

/** A bundle file read: the model, or why it was not loaded. */
export type LoadOutcome =
  | { kind: 'loaded'; model: ServedModel }
  | { kind: 'refused'; code: string; message: string }
  /** A JSON file that is not a model bundle at all (a registry's stage history): skipped quietly. */
  | { kind: 'other' }

/** Reads, validates and loads one bundle file. */
export async function loadBundleFile(path: string): Promise<LoadOutcome> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    return { kind: 'refused', code: 'bundle-unreadable', message: `cannot read "${path}": ${(error as Error).message}` }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { kind: 'refused', code: 'bundle-not-json', message: `"${path}" is not valid JSON (${(error as Error).message.slice(0, 120)})` }
  }
  const format = typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined
  // Every bundle carries the format; a JSON file without it is something else (a registry's stage history).
  if (format !== BUNDLE_FORMAT) return { kind: 'other' }
  try {
    const predictor = Predictor.fromBundle(json)
    const { bundle } = predictor
    return {
      kind: 'loaded',
      model: {
        name: bundleServeName(bundle, basename(path)),
        version: bundle.registry ? String(bundle.registry.version) : '1',
        stage: bundle.registry?.stage ?? null,
        file: path,
        predictor,
        loadedAt: new Date().toISOString(),
      },
    }
  } catch (error) {
    return { kind: 'refused', code: errorCode(error) ?? 'bundle-invalid', message: error instanceof Error ? error.message : String(error) }
  }
}
