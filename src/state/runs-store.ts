import { create } from 'zustand'
import * as runLocks from '../services/run-locks'
import { getRunBundle } from '../services/storage/artifacts'
import { type ExperimentRecord, listExperiments } from '../services/storage/experiments'
import { RunIsRegisteredError, type RunRecord, type StoredRun, deleteRun, listRunRows, markRunInterrupted, readRuns, updateRunMeta } from '../services/storage/runs'
import type { RunRow } from '../services/storage/run-rows'
import { type ConflictPolicy, exportExperiment, importExperiment } from '../services/storage/transfer'
import { type StorageUsage, storageUsage } from '../services/storage/usage'
import type { ModelBundle } from '../core/bundle/bundle'
import { messageOf } from './data-store'
import { lowerIsBetter } from '../core/eval/metric-direction'
import { DEFAULT_COLUMNS, filterRuns, NO_FILTERS, RUN_COLUMNS, sortRuns, type RunFilters, type RunSort } from './run-query'

interface RunsStore {
  /** Every run's row (what the table, pickers and registry show), newest first (visibleRuns relies on it). */
  runs: RunRow[]
  experiments: ExperimentRecord[]
  notice: string | null
  loaded: boolean
  error: string | null
  /** The run whose results are open on the Runs page. */
  openRunId: string | null
  /** That run whole (rows leave out curves and details), once read; null while reading. */
  openRunRecord: StoredRun | null
  filters: RunFilters
  sort: RunSort
  columns: string[]
  /** Runs ticked for comparison (2 to 10). */
  selected: string[]
  comparing: boolean
  /** The selected runs whole, in the order ticked, once read for the comparison. */
  compared: StoredRun[]
}

export const MAX_COMPARE = 10

export const useRunsStore = create<RunsStore>(() => ({
  runs: [],
  experiments: [],
  notice: null,
  loaded: false,
  error: null,
  openRunId: null,
  openRunRecord: null,
  filters: NO_FILTERS,
  sort: { column: 'startedAt', descending: true },
  columns: DEFAULT_COLUMNS,
  selected: [],
  comparing: false,
  compared: [],
}))

let filtered: { runs: RunRow[]; filters: RunFilters; result: RunRow[] } | null = null
let sorted: { runs: RunRow[]; sort: RunSort; result: RunRow[] } | null = null

/**
 * The runs the table shows: filtered, then sorted; each step memoised apart, so
 * re-renders redo nothing, a sort does not filter again and a filter sorts only what passes.
 */
export function visibleRuns(state: Pick<RunsStore, 'runs' | 'filters' | 'sort'>): RunRow[] {
  if (!filtered || filtered.runs !== state.runs || filtered.filters !== state.filters) filtered = { runs: state.runs, filters: state.filters, result: filterRuns(state.runs, state.filters) }
  if (!sorted || sorted.runs !== filtered.result || sorted.sort !== state.sort) {
    // `runs` is newest first (listRunRows' order, ties by id), so that sort, the page's first, is the filtered list as it is.
    const newestFirst = state.sort.column === 'startedAt' && state.sort.descending
    sorted = { runs: filtered.result, sort: state.sort, result: newestFirst ? filtered.result : sortRuns(filtered.result, state.sort) }
  }
  return sorted.result
}

/** Refreshes overlap (a run's start and end, other tabs' news): only a read newer than the one shown is applied. */
let refreshesStarted = 0
let refreshShown = 0

export async function refreshRuns(): Promise<void> {
  const refresh = ++refreshesStarted
  try {
    const [runs, experiments] = await Promise.all([listRunRows(), listExperiments()])
    if (refresh < refreshShown) return
    refreshShown = refresh
    useRunsStore.setState((s) => ({ runs, experiments, loaded: true, selected: stillThere(s.selected, runs) }))
    for (const run of runs) if (run.status === 'running') watchRunOwner(run.id)
    // The opened and compared runs are read whole again: their status, tags or note may have changed.
    await Promise.all([loadOpenRun(), loadCompared()])
  } catch (error) {
    useRunsStore.setState({ loaded: true, error: `Could not read saved runs: ${messageOf(error)}` })
  }
}

/** The ticked ids whose runs are still listed (the same array when all of them are). */
function stillThere(selected: string[], runs: readonly RunRow[]): string[] {
  if (selected.length === 0) return selected
  const ids = new Set(runs.map((r) => r.id))
  const kept = selected.filter((id) => ids.has(id))
  // The same array when every ticked run is still there: the table need not redraw.
  return kept.length === selected.length ? selected : kept
}

/**
 * A run stored as 'running' by another tab is shown as running for as long as
 * that tab trains it; once the tab lets go (run-locks.ts), the run is re-read:
 * finished or cancelled by its tab, or — the tab closed mid-training — marked failed.
 */
function watchRunOwner(id: string): void {
  const waiting = runLocks.whenRunUnowned(id, async () => {
    if (await markRunInterrupted(id)) runLocks.announceRunsChanged()
  })
  // null: this tab trains the run, or already waits on it.
  waiting
    ?.catch(() => undefined) // storage unavailable: refreshRuns reports it
    .then(refreshRuns)
}

/**
 * Called once when the page opens: shows the saved runs (a run another tab is
 * training as running, one whose tab is gone as failed) and keeps the list in
 * step with runs the studio's other tabs start and end.
 */
export async function initRuns(): Promise<void> {
  runLocks.onRunsChanged(() => void refreshRuns())
  await refreshRuns()
}

/**
 * Deletes a run. A run behind a registered model version is refused unless
 * `force`; the refusal comes back as a question for the page to ask.
 */
export async function removeRun(id: string, force = false): Promise<{ needsConfirmation: string } | null> {
  try {
    await deleteRun(id, { force })
    if (useRunsStore.getState().openRunId === id) useRunsStore.setState({ openRunId: null, openRunRecord: null })
  } catch (error) {
    if (error instanceof RunIsRegisteredError) return { needsConfirmation: messageOf(error) }
    useRunsStore.setState({ error: `Could not delete the run: ${messageOf(error)}` })
  }
  await refreshRuns()
  return null
}

/** Saves the tags and note written on a run. */
export async function saveRunMeta(id: string, meta: { tags?: string[]; note?: string }): Promise<void> {
  try {
    await updateRunMeta(id, meta)
    useRunsStore.setState({ notice: 'Saved.', error: null })
  } catch (error) {
    useRunsStore.setState({ error: messageOf(error), notice: null })
  }
  await refreshRuns()
}

/** An experiment (its runs, models and registered versions) as JSON text for a file. */
export async function exportExperimentText(id: string): Promise<string | null> {
  try {
    return await exportExperiment(id)
  } catch (error) {
    useRunsStore.setState({ error: messageOf(error) })
    return null
  }
}

/**
 * Imports an experiment file. Conflicting run ids or model names come back as
 * a question (skip or replace) for the page to ask; nothing is written until
 * the import succeeds as a whole.
 */
export async function importExperimentText(text: string, onConflict: ConflictPolicy = 'fail'): Promise<{ conflict: string } | null> {
  try {
    const report = await importExperiment(text, { onConflict })
    const added = report.runs.added.length + report.runs.replaced.length
    useRunsStore.setState({
      error: null,
      notice: `Imported ${added} run${added === 1 ? '' : 's'}${report.runs.skipped.length ? ` (${report.runs.skipped.length} already here, skipped)` : ''} and ${report.models.added.length + report.models.replaced.length} registered model(s).`,
      filters: { ...useRunsStore.getState().filters, experiment: report.experimentId },
    })
    await refreshRuns()
    return null
  } catch (error) {
    if ((error as { code?: string }).code === 'import-conflict') return { conflict: messageOf(error) }
    useRunsStore.setState({ error: messageOf(error), notice: null })
    return null
  }
}

/** A run's model bundle: the one in memory, else the one stored apart (runs are listed without bundles). */
export async function bundleOf(run: RunRecord): Promise<ModelBundle | null> {
  if (run.bundle) return run.bundle
  try {
    return await getRunBundle(run.id)
  } catch (error) {
    useRunsStore.setState({ error: `Could not read the model: ${messageOf(error)}` })
    return null
  }
}

/** Opens a run's results (null closes them); the run is read whole from storage. */
export function openRun(id: string | null): Promise<void> {
  useRunsStore.setState((s) => ({ openRunId: id, openRunRecord: s.openRunRecord?.id === id ? s.openRunRecord : null, comparing: false, compared: [] }))
  return loadOpenRun()
}

/** Reads the opened run whole; a read overtaken by another open or a close is dropped. */
async function loadOpenRun(): Promise<void> {
  const id = useRunsStore.getState().openRunId
  if (id === null) return
  try {
    const [run] = await readRuns([id])
    if (useRunsStore.getState().openRunId !== id) return
    useRunsStore.setState(run ? { openRunRecord: run } : { openRunId: null, openRunRecord: null })
  } catch (error) {
    useRunsStore.setState({ error: `Could not read the run: ${messageOf(error)}` })
  }
}

/** Reads the ticked runs whole for the comparison; a read overtaken by a new tick or a close is dropped. */
async function loadCompared(): Promise<void> {
  const { comparing, selected } = useRunsStore.getState()
  if (!comparing) return
  try {
    const runs = await readRuns(selected)
    const now = useRunsStore.getState()
    if (!now.comparing || now.selected !== selected) return
    useRunsStore.setState({ compared: runs })
  } catch (error) {
    useRunsStore.setState({ error: `Could not read the runs to compare: ${messageOf(error)}` })
  }
}

export function setFilters(patch: Partial<RunFilters>): void {
  useRunsStore.setState((s) => ({ filters: { ...s.filters, ...patch } }))
}

export function clearFilters(): void {
  useRunsStore.setState({ filters: NO_FILTERS })
}

/** Sorts by a column; choosing the sorted column again flips the direction. */
export function sortBy(column: string): void {
  // First click: newest first, best first for metrics (highest, or lowest for losses and errors), A→Z for text.
  const spec = RUN_COLUMNS.find((c) => c.id === column)
  const descendingFirst = column === 'startedAt' || (!!spec?.numeric && !lowerIsBetter(column) && column !== 'durationMs')
  useRunsStore.setState((s) => ({ sort: { column, descending: s.sort.column === column ? !s.sort.descending : descendingFirst } }))
}

export function toggleColumn(column: string): void {
  useRunsStore.setState((s) => ({ columns: s.columns.includes(column) ? s.columns.filter((c) => c !== column) : [...s.columns, column] }))
}

export function toggleSelected(id: string): Promise<void> {
  useRunsStore.setState((s) => {
    if (s.selected.includes(id)) return { selected: s.selected.filter((x) => x !== id) }
    if (s.selected.length >= MAX_COMPARE) return { error: `Compare up to ${MAX_COMPARE} runs at a time; untick one first.` }
    return { selected: [...s.selected, id], error: null }
  })
  return loadCompared()
}

/** Opens (reading the ticked runs whole) or closes the comparison. */
export function setComparing(comparing: boolean): Promise<void> {
  useRunsStore.setState({ comparing, openRunId: null, openRunRecord: null, compared: comparing ? useRunsStore.getState().compared : [] })
  return loadCompared()
}

/** How much the studio stores and its largest runs, for freeing space. */
export async function loadStorageUsage(): Promise<StorageUsage | null> {
  try {
    return await storageUsage({ limit: 8 })
  } catch (error) {
    useRunsStore.setState({ error: `Could not measure storage: ${messageOf(error)}` })
    return null
  }
}
