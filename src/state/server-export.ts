import { create } from 'zustand'
import * as predictClient from '../services/predict-client'
import { messageOf } from './data-store'
import { useRegistryStore, versionBundle } from './registry-store'

/** The file a registered version was last exported to for the server, per model name: the page shows how to serve it. */
export const useServerExportStore = create<{ exported: Record<string, { version: number; fileName: string }> }>(() => ({ exported: {} }))

/**
 * A registered version's bundle with its registry metadata (name, version,
 * stage, export date), as JSON text for the model server, remembered as
 * saved under `fileName` so the page can show how to serve it; null when the run
 * is gone or the bundle cannot be read (the reason is shown on the page).
 */
export async function exportForServer(model: string, version: number, fileName: string): Promise<string | null> {
  const entry = useRegistryStore.getState().models.find((m) => m.name === model)?.versions.find((v) => v.version === version)
  if (!entry) return null
  const bundle = await versionBundle(entry.runId)
  if (!bundle) return null
  try {
    const text = await predictClient.serverBundle(bundle, { name: model, version, stage: entry.stage, exportedAt: new Date().toISOString() })
    useServerExportStore.setState((s) => ({ exported: { ...s.exported, [model]: { version, fileName } } }))
    return text
  } catch (error) {
    useRegistryStore.setState({ error: messageOf(error), notice: null })
    return null
  }
}
