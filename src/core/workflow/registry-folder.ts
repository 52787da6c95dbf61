import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { parseBundle, withRegistry, type ModelBundleV2 } from '../bundle/bundle'
import { Predictor } from '../bundle/predictor'
import { StudioError } from '../errors'
import { runRecordFromBundle } from '../tracking/run-from-pipeline'
import type { RunRecord } from '../tracking/run-schema'
import type { RegisteredModel } from '../tracking/registry'
import { bundlePath, bundleText, readRegistryFile, registryPath, registryText, REGISTRY_FILE, type FileWrite } from './registry-dir'

/**
 * One registered model as a registry folder (registry-dir.ts's format), for
 * the page's "download as a registry folder" and "import a registry folder":
 * the same paths and texts `npm run pipeline` writes, so a folder the page
 * saves can be served with `npm run serve --model <dir>`, and a folder the CLI
 * wrote can be imported into the page.
 */

/**
 * The files of model `model`: every version's bundle stamped with its name,
 * version and current stage, then registry.json. `bundleOf` gives a
 * version's bundle (from its run); a version without one is refused, naming it.
 */
export function registryFolderFiles(model: RegisteredModel, bundleOf: (version: number) => unknown, now: Date): FileWrite[] {
  const writes: FileWrite[] = model.versions.map((v) => {
    const json = bundleOf(v.version)
    if (json === null || json === undefined) {
      throw new StudioError('registry-folder-missing-bundle', `registry folder: version ${v.version} of "${model.name}" has no stored model (its run ${v.runId} is gone), so the folder cannot be made; delete that version's model or register it again`)
    }
    const bundle = withRegistry(parseBundle(json), { name: model.name, version: v.version, stage: v.stage, exportedAt: now.toISOString() })
    return { path: bundlePath(model.name, v.version), text: bundleText(bundle) }
  })
  writes.push({ path: registryPath(model.name), text: registryText(model) })
  return writes
}

/** A registry folder read back: the model as its registry.json has it, and each version's validated bundle. */
export interface RegistryFolder {
  model: RegisteredModel
  bundles: { version: number; bundle: ModelBundleV2 }[]
}

/**
 * Reads one model's registry folder from its files (path → text; a leading
 * folder such as "models/" is allowed). Exactly one registry.json must be
 * there; every version it lists needs its bundle, which must load and
 * reproduce its golden cases (Predictor.fromBundle) and, when stamped, name
 * this model and version. Errors name the file.
 */
export function readRegistryFolder(files: Record<string, string>): RegistryFolder {
  const registries = Object.keys(files).filter((p) => p === REGISTRY_FILE || p.endsWith(`/${REGISTRY_FILE}`))
  if (registries.length !== 1) {
    throw new StudioError(
      'registry-folder-shape',
      registries.length === 0
        ? `registry folder: no "${REGISTRY_FILE}" found; choose a zip saved with "Download as a registry folder" or a model folder written by npm run pipeline`
        : `registry folder: ${registries.length} models found (${registries.join(', ')}); import one model folder at a time`,
    )
  }
  const registryAt = registries[0]!
  const base = registryAt.slice(0, registryAt.length - REGISTRY_FILE.length)
  const text = files[registryAt]!
  let name: unknown
  try {
    name = (JSON.parse(text) as { name?: unknown })?.name
  } catch {
    name = undefined
  }
  if (typeof name !== 'string') throw new StudioError('registry-folder-shape', `registry folder: "${registryAt}" does not name its model; restore it from the folder it came from`)
  // The folder may sit anywhere in the zip; readRegistryFile checks the model against its own slug's path.
  const model = readRegistryFile(text, name)!
  const bundles = model.versions.map((v) => {
    const path = `${base}v${v.version}.json`
    const bundleTextAt = files[path]
    if (bundleTextAt === undefined) {
      throw new StudioError('registry-folder-missing-bundle', `registry folder: "${registryAt}" lists version ${v.version}, but "${path}" is not there; add it, or take the folder whole from where it was saved`)
    }
    let json: unknown
    try {
      json = JSON.parse(bundleTextAt)
    } catch (error) {
      throw new StudioError('registry-folder-bundle', `registry folder: "${path}" is not valid JSON (${(error as Error).message})`)
    }
    let bundle: ModelBundleV2
    try {
      bundle = Predictor.fromBundle(json).bundle
    } catch (error) {
      throw new StudioError('registry-folder-bundle', `registry folder: "${path}" is not a usable model: ${(error as Error).message}`)
    }
    if (bundle.registry && (bundle.registry.name !== model.name || bundle.registry.version !== v.version)) {
      throw new StudioError('registry-folder-bundle', `registry folder: "${path}" is stamped as version ${bundle.registry.version} of "${bundle.registry.name}", not version ${v.version} of "${model.name}"; the folder was mixed up`)
    }
    return { version: v.version, bundle }
  })
  return { model, bundles }
}

/** The model to store on import: the same versions, stages and history, each version pointing at its new run. */
export function withRunIds(model: RegisteredModel, runIdOf: (version: number) => string): RegisteredModel {
  return { ...model, versions: model.versions.map((v) => ({ ...v, runId: runIdOf(v.version) })) }
}

/**
 * The finished run behind an imported version (a registry version points at
 * a run): what the bundle tells of its training, tagged "imported". Its
 * finish time is the bundle's export date.
 */
export function importedRunRecord(bundle: ModelBundleV2, meta: { id: string; modelName: string; version: number }): RunRecord {
  const finished = Date.parse(bundle.createdAt)
  return runRecordFromBundle(bundle, {
    id: meta.id,
    finishedAt: new Date(Number.isNaN(finished) ? 0 : finished),
    target: bundle.target.name,
    features: bundle.inputSchema.map((c) => c.name),
    params: {},
    recipe: null,
    pipelineConfig: null,
    tags: ['imported'],
    note: `Imported from a registry folder as version ${meta.version} of "${meta.modelName}".`,
  })
}

/** The folder's files as a zip (paths as they are, e.g. "ms-response/v1.json"). */
export function zipFolder(files: readonly FileWrite[]): Uint8Array {
  const entries: Record<string, Uint8Array> = {}
  for (const f of files) entries[f.path] = strToU8(f.text)
  return zipSync(entries, { level: 6 })
}

/** A zip's files as text, folders left out; a file that is not a zip is refused in plain words. */
export function unzipFolder(bytes: Uint8Array): Record<string, string> {
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(bytes)
  } catch (error) {
    throw new StudioError('registry-folder-zip', `registry folder: the file is not a readable zip (${(error as Error).message}); choose the .zip saved with "Download as a registry folder"`)
  }
  const files: Record<string, string> = {}
  for (const [path, data] of Object.entries(entries)) {
    if (!path.endsWith('/')) files[path.replace(/\\/g, '/')] = strFromU8(data)
  }
  return files
}
