/**
 * XGBoost JSON on the page, both ways. Export: a bundle's tree model as
 * XGBoost's model file (core's exportXGBoost, cheap enough for the main
 * thread), or core's refusal in plain words. Import: the model file and the
 * loaded dataset (with its chosen target, when there is one) become a
 * finished run — built in the data worker by core's xgboostImportRun — saved
 * like any training run, then opened on the Runs page, where it can be
 * registered.
 */
import { create } from 'zustand'
import type { ModelBundle } from '../core/bundle/bundle'
import { exportXGBoost, xgboostModelText } from '../core/interop/xgboost'
import { importXGBoostRun } from '../services/data-client'
import { announceRunsChanged } from '../services/run-locks'
import { saveRun } from '../services/storage/runs'
import { messageOf, useDataStore } from './data-store'
import { openRun, refreshRuns } from './runs-store'
import { showPage } from './ui-store'

interface XGBoostImportState {
  busy: boolean
  error: string | null
}

export const useXGBoostImportStore = create<XGBoostImportState>(() => ({ busy: false, error: null }))

/** Imports `file` (an XGBoost JSON model) on the loaded dataset; resolves to the new run's id, or null (the store says why). */
export async function importXGBoostModel(file: File): Promise<string | null> {
  const { view, target } = useDataStore.getState()
  if (!view) {
    useXGBoostImportStore.setState({ error: 'Load the dataset the model was trained on first (on the Data page): its columns must be the model’s features.' })
    return null
  }
  useXGBoostImportStore.setState({ busy: true, error: null })
  try {
    const id = `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
    const run = await importXGBoostRun(await file.text(), { id, fileName: file.name, target, dataset: { name: view.name, fingerprint: view.fingerprint }, finishedAt: new Date() })
    await saveRun(run)
    announceRunsChanged()
    await refreshRuns()
    useXGBoostImportStore.setState({ busy: false })
    openRun(run.id)
    showPage('runs')
    return run.id
  } catch (error) {
    useXGBoostImportStore.setState({ busy: false, error: messageOf(error) })
    return null
  }
}

/** The XGBoost JSON text of a bundle's model, or the reason it has none (core's refusal, in plain words). */
export function xgboostFile(bundle: ModelBundle): { text: string } | { error: string } {
  try {
    return { text: xgboostModelText(exportXGBoost(bundle)) }
  } catch (error) {
    return { error: messageOf(error) }
  }
}
