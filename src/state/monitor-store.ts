import { create } from 'zustand'
import { DEFAULT_DRIFT_SHARE } from '../core/drift/report'
import type { DriftOverride, DriftReport } from '../core/drift/types'
import { errorCode } from '../core/errors'
import type { Progress } from '../core/types'
import * as driftClient from '../services/drift-client'
import type { DriftModelSummary, DriftSlot, DriftTableSummary } from '../services/drift-client'
import { getRunBundle } from '../services/storage/artifacts'
import { messageOf } from './data-store'
import { defaultChoice, modelChoices, type ModelChoice } from './model-choices'
import { refreshRegistry, useRegistryStore } from './registry-store'
import { refreshRuns, useRunsStore } from './runs-store'
import { showPage } from './ui-store'


export interface CurrentData extends DriftTableSummary {
  /** A dropped or picked file, or the Predict page's last scored file. */
  source: 'file' | 'batch'
}

interface MonitorStore {
  /** Compare against a model's reference statistics, or against a dataset file. */
  referenceKind: 'model' | 'file'
  /** Key of the chosen model (see model-choices.ts). */
  choice: string | null
  model: DriftModelSummary | null
  modelLoading: boolean
  referenceFile: DriftTableSummary | null
  current: CurrentData | null
  /** Reading a file: which side, and its progress. */
  reading: { slot: DriftSlot; progress: Progress } | null
  driftShare: number
  overrides: Record<string, DriftOverride>
  /** The report being computed: its progress; null when idle. */
  progress: Progress | null
  report: DriftReport | null
  error: string | null
  /** The column whose distributions are open in the large chart. */
  openColumn: string | null
}

export const useMonitorStore = create<MonitorStore>(() => ({
  referenceKind: 'model',
  choice: null,
  model: null,
  modelLoading: false,
  referenceFile: null,
  current: null,
  reading: null,
  driftShare: DEFAULT_DRIFT_SHARE,
  overrides: {},
  progress: null,
  report: null,
  error: null,
  openColumn: null,
}))

/** Each run gets a number; a result that comes back after a newer run started is dropped. */
let runNumber = 0

/** The models offered as a reference (registered versions first, then runs), as the Predict page lists them. */
export function monitorChoices(): ModelChoice[] {
  return modelChoices(useRegistryStore.getState().models, useRunsStore.getState().runs)
}

/** Called when the Monitor page opens: reads the registry and runs, and loads the default model if none is chosen. */
export async function initMonitor(): Promise<void> {
  await Promise.all([refreshRegistry(), refreshRuns()])
  const { choice, referenceKind } = useMonitorStore.getState()
  if (choice !== null || referenceKind !== 'model') return
  const first = defaultChoice(monitorChoices())
  if (first) await chooseReferenceModel(first.key)
}

/** Compares against a model (its reference statistics) or a dataset file from now on. */
export function setReferenceKind(kind: 'model' | 'file'): void {
  if (useMonitorStore.getState().referenceKind === kind) return
  useMonitorStore.setState({ referenceKind: kind, report: null, error: null, overrides: {}, openColumn: null })
  if (kind === 'model' && useMonitorStore.getState().choice === null) void initMonitor()
  else void rerun()
}

/** Loads the chosen model into the drift worker as the reference, then re-runs the report. */
export async function chooseReferenceModel(key: string): Promise<void> {
  const choice = monitorChoices().find((c) => c.key === key)
  useMonitorStore.setState({ referenceKind: 'model', choice: key, model: null, modelLoading: true, error: null, report: null, overrides: {}, openColumn: null })
  try {
    if (!choice) throw new Error('That model is no longer stored in this browser; choose another.')
    const bundle = await getRunBundle(choice.runId)
    if (!bundle) throw new Error(`The run behind this model (${choice.runId}) is no longer stored; choose another model.`)
    const model = await driftClient.loadDriftModel(bundle, choice.label)
    if (useMonitorStore.getState().choice !== key) return // another model was chosen meanwhile
    useMonitorStore.setState({ model, modelLoading: false })
    await rerun()
  } catch (error) {
    if (useMonitorStore.getState().choice === key) useMonitorStore.setState({ modelLoading: false, error: messageOf(error) })
  }
}

/** Reads a dropped or picked file as the reference or current data, then re-runs the report. */
export async function readMonitorFile(slot: DriftSlot, file: File, source: CurrentData['source'] = 'file'): Promise<void> {
  useMonitorStore.setState({
    reading: { slot, progress: { stage: `Reading ${file.name}`, done: 0, total: 0 } },
    error: null,
    report: null,
    openColumn: null,
    ...(slot === 'reference' ? { referenceFile: null, overrides: {} } : { current: null }),
  })
  try {
    const summary = await driftClient.readDriftFile(slot, file, (progress) => useMonitorStore.setState({ reading: { slot, progress } }))
    useMonitorStore.setState(slot === 'reference' ? { referenceFile: summary } : { current: { ...summary, source } })
  } catch (error) {
    useMonitorStore.setState({ error: messageOf(error) })
    return
  } finally {
    useMonitorStore.setState({ reading: null })
  }
  await rerun()
}

/**
 * From the Predict page's "Check drift": the scored file becomes the current
 * data, the model that scored it the reference, and the Monitor page opens.
 */
export async function checkBatchDrift(file: File, modelKey: string | null): Promise<void> {
  showPage('monitor')
  if (modelKey !== null && (useMonitorStore.getState().choice !== modelKey || useMonitorStore.getState().referenceKind !== 'model')) {
    await Promise.all([refreshRegistry(), refreshRuns()])
    await chooseReferenceModel(modelKey)
  }
  await readMonitorFile('current', file, 'batch')
}

/** Whether the report can be computed: a reference and a current file are ready. */
export function canRun(state: MonitorStore = useMonitorStore.getState()): boolean {
  const referenceReady = state.referenceKind === 'model' ? state.model !== null : state.referenceFile !== null
  return referenceReady && state.current !== null && state.reading === null
}

/**
 * Computes the report in the drift worker with the current choices; a newer
 * run replaces an older one. Resolves with the error that stopped it (shown
 * on the page), or null.
 */
export async function rerun(): Promise<unknown> {
  const state = useMonitorStore.getState()
  if (!canRun(state)) return null
  const number = ++runNumber
  useMonitorStore.setState({ progress: { stage: 'Comparing columns', done: 0, total: 0 }, error: null })
  try {
    const report = await driftClient.runDrift(
      { reference: state.referenceKind, options: { driftShare: state.driftShare, overrides: state.overrides } },
      // Core reports one step per column, the column's name as the message.
      (progress) => {
        if (number === runNumber) useMonitorStore.setState({ progress: { ...progress, stage: progress.message ? `Comparing columns (${progress.message})` : 'Comparing columns' } })
      },
    )
    if (number !== runNumber) return null
    const open = useMonitorStore.getState().openColumn
    useMonitorStore.setState({ report, progress: null, openColumn: open && report.columns.some((c) => c.name === open) ? open : null })
    return null
  } catch (error) {
    if (number === runNumber) useMonitorStore.setState({ progress: null, error: messageOf(error) })
    return error
  }
}

/** Stops a report that is running (the worker is ended; the model and files are given to the next one). */
export function stopReport(): void {
  runNumber++
  driftClient.stopDrift()
  useMonitorStore.setState({ progress: null })
}

/**
 * Sets (or, with null, removes) a column's choice of test and threshold, and
 * re-runs. A choice core refuses (a test that does not fit the column) is
 * taken back, its reason shown, and the last report kept.
 */
export async function setOverride(column: string, override: DriftOverride | null): Promise<void> {
  const before = useMonitorStore.getState().overrides
  const overrides = { ...before }
  if (override === null) delete overrides[column]
  else overrides[column] = override
  useMonitorStore.setState({ overrides })
  const error = await rerun()
  if (errorCode(error) === 'drift/bad-override' && useMonitorStore.getState().overrides === overrides) useMonitorStore.setState({ overrides: before })
}

export function setDriftShare(share: number): void {
  if (!(share > 0 && share <= 1) || share === useMonitorStore.getState().driftShare) return
  useMonitorStore.setState({ driftShare: share })
  void rerun()
}

export function openColumn(name: string | null): void {
  useMonitorStore.setState({ openColumn: name })
}

/** The report as file text; null (with the reason shown) when it cannot be made. */
export async function reportDownload(format: 'html' | 'json'): Promise<string | null> {
  const { report } = useMonitorStore.getState()
  if (!report) return null
  try {
    return await driftClient.exportDrift(report, format)
  } catch (error) {
    useMonitorStore.setState({ error: messageOf(error) })
    return null
  }
}
