/**
 * The page's side of the registry folder (core/workflow/registry-folder.ts):
 * a registered model saved as the zip `npm run pipeline` and `npm run serve
 * --model <dir>` read, and such a zip imported as a model of the page's
 * registry, each version with a run of its own holding its bundle (a
 * registry version points at a run, as pipelines' do).
 */
import { StudioError } from '../core/errors'
import { modelSlug } from '../core/workflow/registry-dir'
import { readRegistryFolder, registryFolderFiles, importedRunRecord, unzipFolder, withRunIds, zipFolder } from '../core/workflow/registry-folder'
import type { RegisteredModel } from '../core/tracking/registry'
import { getRunBundle } from './storage/artifacts'
import { addRegisteredModel, getRegisteredModel } from './storage/registry'
import { deleteRun, saveRun } from './storage/runs'

/** The zip of model `name`: its registry.json and every version's bundle, stamped with its stage. */
export async function registryFolderZip(name: string, now = new Date()): Promise<{ fileName: string; bytes: Uint8Array }> {
  const model = await getRegisteredModel(name)
  if (!model) throw new StudioError('registry-unknown-model', `registry: no registered model named "${name}"`)
  const bundles = new Map<number, unknown>()
  for (const v of model.versions) bundles.set(v.version, await getRunBundle(v.runId))
  const files = registryFolderFiles(model, (version) => bundles.get(version), now)
  return { fileName: `${modelSlug(model.name)}-registry.zip`, bytes: zipFolder(files) }
}

/**
 * Imports a registry folder zip: validated whole first (every bundle loads
 * and reproduces its golden cases), then one run per version, then the model.
 * A name already registered is refused with nothing changed; runs saved
 * before a refusal are removed again.
 */
export async function importRegistryFolder(bytes: Uint8Array): Promise<RegisteredModel> {
  const folder = readRegistryFolder(unzipFolder(bytes))
  if (await getRegisteredModel(folder.model.name)) {
    throw new StudioError('registry-import-exists', `registry: a model named "${folder.model.name}" is already registered, so nothing was imported; rename or delete that model first`)
  }
  const stamp = Date.now().toString(36)
  const ids = new Map(folder.bundles.map((b) => [b.version, `run-${stamp}-import-v${b.version}-${Math.random().toString(36).slice(2, 8)}`]))
  const model = withRunIds(folder.model, (version) => ids.get(version)!)
  const saved: string[] = []
  try {
    for (const { version, bundle } of folder.bundles) {
      const id = ids.get(version)!
      await saveRun(importedRunRecord(bundle, { id, modelName: model.name, version }))
      saved.push(id)
    }
    await addRegisteredModel(model)
    return model
  } catch (error) {
    for (const id of saved) await deleteRun(id, { force: true }).catch(() => undefined)
    throw error
  }
}
