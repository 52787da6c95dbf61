import { parseBundle, withRegistry, type ModelBundleV2 } from '../bundle/bundle'
import { StudioError } from '../errors'
import { FieldChecker } from '../tracking/checks'
import { addModelVersion, checkModelName, createRegisteredModel, transition, type RegisteredModel, type Stage } from '../tracking/registry'
import { parseRegisteredModel } from '../tracking/registry-schema'

/**
 * The registry directory, shared by `npm run pipeline`, `npm run serve
 * --model <dir>` and the page's registry export/import:
 *
 *   <dir>/<slug>/registry.json   the RegisteredModel (versions, stage history)
 *   <dir>/<slug>/v<version>.json each a bundle v2 whose `registry` names the
 *                                model, its version and its current stage
 *
 * `slug` is the model name made file-safe (modelSlug). The server serves
 * every bundle by name and version and answers the bare name with the
 * version whose `registry.stage` is Production, so a transition rewrites the
 * affected bundles' stage as well as registry.json.
 *
 * These are the rules as pure functions over file contents: each change
 * returns the files to write, in the order to write them. src/node does the
 * disk I/O, each file atomically (temp file + rename), so the server never
 * reads half a file. The registry rules themselves (version numbers, one
 * Production, the history) are core/tracking/registry.ts's, never repeated.
 */

export const REGISTRY_FILE = 'registry.json'
const CODE = 'registry-dir-invalid'

/** One file to write, relative to the registry directory ("ms-response/v3.json"). */
export interface FileWrite {
  path: string
  text: string
}

/** A model name as a folder name: letters, digits, '.', '_' and '-' kept, anything else '-'; lower case. */
export function modelSlug(name: string): string {
  const slug = checkModelName(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
  return slug === '' ? 'model' : slug
}

/** Where a model's stage history lives. */
export function registryPath(name: string): string {
  return `${modelSlug(name)}/${REGISTRY_FILE}`
}

/** Where a version's bundle lives. */
export function bundlePath(name: string, version: number): string {
  return `${modelSlug(name)}/v${version}.json`
}

/**
 * Reads a registry.json's text (null: the file does not exist) as the model
 * `name`; errors name the file. A folder holding ANOTHER model (two names
 * with one slug, "ICU risk" and "icu-risk") is refused rather than mixed.
 */
export function readRegistryFile(text: string | null, name: string): RegisteredModel | null {
  if (text === null) return null
  const path = registryPath(name)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new StudioError(CODE, `registry directory: "${path}" is not valid JSON (${(error as Error).message}); restore it from a backup or remove the folder`)
  }
  const model = parseRegisteredModel(json, path, new FieldChecker('registry directory', CODE))
  if (model.name !== checkModelName(name)) {
    throw new StudioError('registry-dir-slug-clash', `registry directory: "${path}" holds the model "${model.name}", not "${name}"; their names give the same folder name, so rename one of them`)
  }
  return model
}

/** registry.json's text for `model`. */
export function registryText(model: RegisteredModel): string {
  return JSON.stringify(model, null, 2) + '\n'
}

/** A bundle file's text. */
export function bundleText(bundle: ModelBundleV2): string {
  return JSON.stringify(bundle, null, 1) + '\n'
}

/**
 * Registers `bundle` as the next version of `name` (stage None), creating the
 * model when `model` is null. The bundle is written first, then the history:
 * a crash in between leaves an unlisted file that the next registration
 * overwrites, never a listed version without its bundle.
 */
export function planRegister(
  model: RegisteredModel | null,
  name: string,
  bundleJson: unknown,
  comment: string,
  now: Date,
): { model: RegisteredModel; version: number; writes: FileWrite[] } {
  const bundle = parseBundle(bundleJson)
  const base = model ?? createRegisteredModel(name, now)
  // The run id a version points at: in a directory, the bundle's identity (its data and when it was made).
  const runId = `bundle:${bundle.dataset.fingerprint}:${bundle.createdAt}`
  const added = addModelVersion(base, runId, comment, now)
  const version = added.version.version
  const stamped = withRegistry(bundle, { name: added.model.name, version, stage: 'None', exportedAt: now.toISOString() })
  return {
    model: added.model,
    version,
    writes: [
      { path: bundlePath(name, version), text: bundleText(stamped) },
      { path: registryPath(name), text: registryText(added.model) },
    ],
  }
}

/**
 * Moves `version` to `to` (core's transition rule, archiveExisting as asked)
 * and rewrites the stage of every bundle that moved. `readBundle` gives a
 * version's current bundle JSON. Write order: the promoted bundle first (the
 * server answers with the highest Production version, so it serves the new
 * one at once), then the archived one, then the history.
 */
export function planTransition(
  model: RegisteredModel,
  readBundle: (version: number) => unknown,
  version: number,
  to: Stage,
  comment: string,
  now: Date,
  archiveExisting: boolean,
): { model: RegisteredModel; writes: FileWrite[] } {
  const result = transition(model, version, to, comment, now, { archiveExisting })
  const restamp = (v: number, stage: Stage): FileWrite => {
    const bundle = parseBundle(readBundle(v))
    return { path: bundlePath(model.name, v), text: bundleText(withRegistry(bundle, { name: model.name, version: v, stage, exportedAt: now.toISOString() })) }
  }
  const writes = [restamp(version, to)]
  if (result.archived) writes.push(restamp(result.archived.version, 'Archived'))
  writes.push({ path: registryPath(model.name), text: registryText(result.model) })
  return { model: result.model, writes }
}
