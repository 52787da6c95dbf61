import { create } from 'zustand'
import { errorCode } from '../core/errors'
import type { Stage } from '../core/tracking/registry'
import { stageAt } from '../core/tracking/stage-history'
import { importRegistryFolder, registryFolderZip } from '../services/registry-folder'
import { getRunBundle } from '../services/storage/artifacts'
import { type RegisteredModel, deleteRegisteredModel, listRegisteredModels, registerModel, transitionVersion } from '../services/storage/registry'
import { messageOf } from './data-store'
import { refreshRuns } from './runs-store'

/** A promotion refused because another version is in Production, waiting for the user to confirm archiving it. */
export interface PendingPromotion {
  name: string
  version: number
  /** The version in Production now, which confirming archives (null if the list on screen did not show one). */
  current: number | null
  comment: string
  message: string
}

interface RegistryStore {
  models: RegisteredModel[]
  loaded: boolean
  error: string | null
  notice: string | null
  pending: PendingPromotion | null
}

export const useRegistryStore = create<RegistryStore>(() => ({ models: [], loaded: false, error: null, notice: null, pending: null }))

export async function refreshRegistry(): Promise<void> {
  try {
    useRegistryStore.setState({ models: await listRegisteredModels(), loaded: true })
  } catch (error) {
    useRegistryStore.setState({ loaded: true, error: `Could not read the registry: ${messageOf(error)}` })
  }
}

/** Registers a run's model under `name` (a new model, or its next version). */
export async function registerRun(name: string, runId: string, comment: string): Promise<boolean> {
  try {
    const { model, version } = await registerModel(name, runId, comment)
    useRegistryStore.setState({ error: null, notice: `Registered as version ${version.version} of "${model.name}".` })
    await refreshRegistry()
    return true
  } catch (error) {
    useRegistryStore.setState({ error: messageOf(error), notice: null })
    return false
  }
}

/**
 * Moves a version to another stage. Promoting to Production while another
 * version is there is first refused (the store unchanged) and kept as pending,
 * so the page can ask whether to archive the current one.
 */
export async function moveVersion(name: string, version: number, to: Stage, comment: string, archiveExisting = false): Promise<boolean> {
  try {
    await transitionVersion(name, version, to, comment, { archiveExisting })
    useRegistryStore.setState({ error: null, pending: null, notice: `Version ${version} of "${name}" is now in ${to}${archiveExisting ? '; the previous Production version was archived' : ''}.` })
    await refreshRegistry()
    return true
  } catch (error) {
    if (errorCode(error) === 'registry-production-taken' && !archiveExisting) {
      const message = messageOf(error)
      const current = productionVersionOf(name)
      useRegistryStore.setState({
        pending: {
          name,
          version,
          current,
          comment,
          // The page offers the way out as a button, so the sentence only states the rule.
          message: current === null ? message : `Version ${current} of "${name}" is in Production, and only one version can be in Production at a time.`,
        },
        error: null,
        notice: null,
      })
    } else {
      useRegistryStore.setState({ error: messageOf(error), notice: null })
    }
    return false
  }
}

/** The version of model `name` in Production, as the registry on screen shows it. */
function productionVersionOf(name: string): number | null {
  const model = useRegistryStore.getState().models.find((m) => m.name === name)
  return model?.versions.find((v) => v.stage === 'Production')?.version ?? null
}

/** The label of the button that confirms a pending promotion: the move it makes, in words. */
export function pendingActionLabel(pending: PendingPromotion): string {
  return `Archive ${pending.current === null ? 'the version in Production' : `version ${pending.current}`} and promote version ${pending.version}`
}

export async function confirmPending(): Promise<void> {
  const pending = useRegistryStore.getState().pending
  if (pending) await moveVersion(pending.name, pending.version, 'Production', pending.comment, true)
}

export function dismissPending(): void {
  useRegistryStore.setState({ pending: null })
}

export async function deleteModel(name: string): Promise<void> {
  try {
    await deleteRegisteredModel(name)
    await refreshRegistry()
    await refreshRuns()
  } catch (error) {
    useRegistryStore.setState({ error: messageOf(error) })
  }
}

/** The bundle of a registered version's run, or null (with the reason shown) when the run is gone. */
export async function versionBundle(runId: string): Promise<import('../core/bundle/bundle').ModelBundle | null> {
  try {
    const bundle = await getRunBundle(runId)
    if (!bundle) useRegistryStore.setState({ error: `The run behind this version (${runId}) is no longer stored, so its model cannot be downloaded.` })
    return bundle
  } catch (error) {
    useRegistryStore.setState({ error: messageOf(error) })
    return null
  }
}

/** Which version was in Production at a day or moment, replayed from the history. */
export function productionOn(model: RegisteredModel, when: string): { production: number | null } | { error: string } {
  try {
    return { production: stageAt(model, when).production }
  } catch (error) {
    return { error: messageOf(error) }
  }
}

/** Model `name` as a registry folder zip to save, or null with the reason shown (a version whose run is gone). */
export async function registryFolderDownload(name: string): Promise<{ fileName: string; bytes: Uint8Array } | null> {
  try {
    const zip = await registryFolderZip(name)
    useRegistryStore.setState({ error: null, notice: `Saved "${name}" as ${zip.fileName}: unzip it into a folder to serve it with npm run serve -- --model <folder>, or import it into another studio.` })
    return zip
  } catch (error) {
    useRegistryStore.setState({ error: messageOf(error), notice: null })
    return null
  }
}

/** Imports a registry folder zip the user chose; refusals (a name already registered, a broken bundle) are shown and change nothing. */
export async function importRegistryZip(file: File): Promise<boolean> {
  try {
    const model = await importRegistryFolder(new Uint8Array(await file.arrayBuffer()))
    useRegistryStore.setState({ error: null, pending: null, notice: `Imported "${model.name}" with ${model.versions.length} version${model.versions.length === 1 ? '' : 's'} and its stage history.` })
    await refreshRegistry()
    await refreshRuns()
    return true
  } catch (error) {
    useRegistryStore.setState({ error: messageOf(error), notice: null })
    return false
  }
}
