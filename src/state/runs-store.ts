import { create } from 'zustand'
import * as storage from '../services/storage'
import type { RunRecord } from '../services/storage'
import { messageOf } from './data-store'

interface RunsStore {
  runs: RunRecord[]
  loaded: boolean
  error: string | null
  /** The run whose results are open on the Runs page. */
  openRunId: string | null
}

export const useRunsStore = create<RunsStore>(() => ({ runs: [], loaded: false, error: null, openRunId: null }))

export async function refreshRuns(): Promise<void> {
  try {
    useRunsStore.setState({ runs: await storage.listRuns(), loaded: true, error: null })
  } catch (error) {
    useRunsStore.setState({ loaded: true, error: `Could not read saved runs: ${messageOf(error)}` })
  }
}

/** Called once when the page opens: runs a closed page left 'running' become failed. */
export async function initRuns(): Promise<void> {
  try {
    await storage.markInterruptedRuns()
  } catch {
    // Storage may be unavailable (private mode); refreshRuns reports it.
  }
  await refreshRuns()
}

export async function removeRun(id: string): Promise<void> {
  try {
    await storage.deleteRun(id)
    if (useRunsStore.getState().openRunId === id) useRunsStore.setState({ openRunId: null })
  } catch (error) {
    useRunsStore.setState({ error: `Could not delete the run: ${messageOf(error)}` })
  }
  await refreshRuns()
}

export function openRun(id: string | null): void {
  useRunsStore.setState({ openRunId: id })
}
