import { create } from 'zustand'
import type { DatasetView } from '../core/dataset'
import { errorCode, errorText } from '../core/errors'
import type { TargetProfile } from '../core/table/profile/target-profile'
import { EXCLUDED_FEATURE_KINDS, exclusionReason } from '../core/train/default-features'
import type { Progress, ProgressCallback, Task } from '../core/types'
import { userMessage } from '../core/user-message'
import * as dataClient from '../services/data-client'
import type { SampleDataset } from './samples'

interface DataStore {
  /** The data as training will see it: the loaded file with the cleaning recipe applied. */
  view: DatasetView | null
  /** The loaded file before cleaning. */
  originalView: DatasetView | null
  /** Set when the dataset is one of the bundled synthetic samples. */
  sample: SampleDataset | null
  /** What is being loaded right now, for the status line. */
  loading: string | null
  /** Progress of the load, when the worker reports it. */
  loadProgress: Progress | null
  error: string | null
  target: string | null
  task: Task | null
  inferredTask: Task | null
  targetProfile: TargetProfile | null
  /**
   * Why the chosen target cannot be predicted (with the chosen task), in words
   * for the target picker: an empty target, a single value, text for
   * regression… Null when the target is fine or not yet checked.
   */
  targetProblem: string | null
  /** Columns used as features, by name. */
  features: Record<string, boolean>
}

export const useDataStore = create<DataStore>(() => ({
  view: null,
  originalView: null,
  sample: null,
  loading: null,
  loadProgress: null,
  error: null,
  target: null,
  task: null,
  inferredTask: null,
  targetProfile: null,
  targetProblem: null,
  features: {},
}))


/** Listeners told when a new dataset has loaded (the cleaning store restores its recipe). */
const loadListeners: ((view: DatasetView) => void | Promise<void>)[] = []
export function onDatasetLoaded(listener: (view: DatasetView) => void | Promise<void>): void {
  loadListeners.push(listener)
}

/**
 * Loads run one after another, in the order they were asked for: a file
 * dropped while the opening sample is still downloading is read after it, so
 * the dataset shown — here and in the data worker, which keeps the table it
 * read last — is always the one asked for last (read side by side, the
 * sample could finish second and replace the user's file).
 */
let loadQueue: Promise<unknown> = Promise.resolve()

function load(label: string, read: (onProgress: ProgressCallback) => Promise<DatasetView>, sample: SampleDataset | null): Promise<boolean> {
  const next = loadQueue.then(() => loadNow(label, read, sample))
  loadQueue = next
  return next
}

async function loadNow(label: string, read: (onProgress: ProgressCallback) => Promise<DatasetView>, sample: SampleDataset | null): Promise<boolean> {
  useDataStore.setState({ loading: label, loadProgress: null, error: null })
  try {
    const view = await read((progress) => useDataStore.setState({ loadProgress: progress }))
    useDataStore.setState({
      view,
      originalView: view,
      sample,
      loading: null,
      loadProgress: null,
      error: null,
      features: defaultFeatures(view),
      target: null,
      task: null,
      inferredTask: null,
      targetProfile: null,
      targetProblem: null,
    })
    if (sample) await setTarget(sample.target)
    for (const listener of loadListeners) await listener(view)
    return true
  } catch (error) {
    // The previous dataset stays loaded and usable; only the message changes.
    useDataStore.setState({ loading: null, loadProgress: null, error: messageOf(error) })
    return false
  }
}

/** Feature ticks for a new view: the rule shared with the headless trainer (core/train/default-features). */
function defaultFeatures(view: DatasetView): Record<string, boolean> {
  return Object.fromEntries(view.profile.columns.map((c) => [c.name, !EXCLUDED_FEATURE_KINDS.has(c.kind)]))
}

export function loadFile(file: File): Promise<boolean> {
  return load(`Reading ${file.name}…`, (onProgress) => dataClient.loadFile(file, onProgress), null)
}

export function loadUrl(url: string): Promise<boolean> {
  const trimmed = url.trim()
  if (!/^https?:\/\//i.test(trimmed)) {
    useDataStore.setState({ error: `The address "${trimmed}" must start with http:// or https://.` })
    return Promise.resolve(false)
  }
  return load(`Downloading ${trimmed}…`, (onProgress) => dataClient.loadUrl(trimmed, undefined, onProgress), null)
}

/** Shows another sheet of the loaded workbook, read again from the bytes the data worker kept. */
export function loadSheet(sheet: string): Promise<boolean> {
  return load(`Reading sheet "${sheet}"…`, (onProgress) => dataClient.readSheet(sheet, onProgress), null)
}

export function loadSample(sample: SampleDataset): Promise<boolean> {
  return load(`Loading the ${sample.title} sample…`, (onProgress) => dataClient.loadUrl(sample.url, sample.fileName, onProgress), sample)
}

export function dismissError(): void {
  useDataStore.setState({ error: null })
}

/**
 * Shows the cleaned data: the feature selection keeps its choices for columns
 * that remain, new columns get the default, and a removed target is cleared.
 */
export async function showCleanedView(view: DatasetView): Promise<void> {
  const { features, target } = useDataStore.getState()
  const defaults = defaultFeatures(view)
  const next = Object.fromEntries(view.columnNames.map((name) => [name, name in features ? features[name] : defaults[name]]))
  const targetKept = target !== null && view.columnNames.includes(target)
  useDataStore.setState({ view, features: next, ...(targetKept ? {} : NO_TARGET) })
  if (!targetKept) return
  // Cleaning can change the task (e.g. 7 spellings of yes/no become 2): re-infer unless the user chose one.
  const { task, inferredTask } = useDataStore.getState()
  try {
    const inferred = await dataClient.inferTask(target)
    useDataStore.setState({ inferredTask: inferred, task: task === inferredTask ? inferred : task })
  } catch (error) {
    // Cleaning emptied the target (or left one value): no task to infer, and the picker says why.
    if (useDataStore.getState().target === target) useDataStore.setState({ task: null, inferredTask: null, targetProfile: null, targetProblem: messageOf(error) })
    return
  }
  await refreshTargetProfile()
}

const NO_TARGET = { target: null, task: null, inferredTask: null, targetProfile: null, targetProblem: null } as const

/** Chooses the target; it stops being a feature and the task is inferred from its values. */
export async function setTarget(name: string | null): Promise<void> {
  const { view, features, target: previous } = useDataStore.getState()
  if (!view || name === null || !view.columnNames.includes(name)) {
    return void useDataStore.setState(NO_TARGET)
  }
  const restored = previous && previous !== name ? { [previous]: defaultFeatures(view)[previous] } : {}
  useDataStore.setState({ target: name, features: { ...features, ...restored, [name]: false }, targetProfile: null, targetProblem: null })
  let inferred: Task
  try {
    inferred = await dataClient.inferTask(name)
  } catch (error) {
    // An empty or single-valued target defines no task: none is guessed, and the picker says why at once.
    if (useDataStore.getState().target === name) useDataStore.setState({ task: null, inferredTask: null, targetProblem: messageOf(error) })
    return
  }
  if (useDataStore.getState().target !== name) return
  useDataStore.setState({ task: inferred, inferredTask: inferred })
  await refreshTargetProfile()
}

export async function setTask(task: Task): Promise<void> {
  useDataStore.setState({ task, targetProfile: null, targetProblem: null })
  await refreshTargetProfile()
}

/**
 * Profiles the target for the chosen task. A target unfit for the task (text
 * for regression, three classes for binary, empty…) has no profile: the
 * reason is kept as the target problem, shown in the picker and stopping training.
 */
async function refreshTargetProfile(): Promise<void> {
  const { target, task } = useDataStore.getState()
  if (!target || !task) return
  const current = (): boolean => {
    const now = useDataStore.getState()
    return now.target === target && now.task === task
  }
  try {
    const profile = await dataClient.profileTarget(target, task)
    if (current()) useDataStore.setState({ targetProfile: profile, targetProblem: null })
  } catch (error) {
    if (current()) useDataStore.setState({ targetProfile: null, targetProblem: messageOf(error) })
  }
}

export function setFeature(name: string, included: boolean): void {
  useDataStore.setState((s) => ({ features: { ...s.features, [name]: included } }))
}

export function setAllFeatures(included: boolean): void {
  useDataStore.setState((s) => ({
    features: Object.fromEntries(Object.keys(s.features).map((name) => [name, included && name !== s.target])),
  }))
}

/** A column the default rule leaves out of the features (and the user has not ticked), with the reason in words. */
export interface LeftOutColumn {
  name: string
  reason: string
}

/**
 * Columns left out of the features by default (identifiers, constants, free
 * text: core's exclusionReason) and still unticked, so the page can say
 * what was left out and why instead of dropping them silently.
 */
export function leftOutColumns(state: Pick<DataStore, 'view' | 'features' | 'target'>): LeftOutColumn[] {
  if (!state.view) return []
  const left: LeftOutColumn[] = []
  for (const column of state.view.profile.columns) {
    if (column.name === state.target || state.features[column.name]) continue
    const reason = exclusionReason(column)
    if (reason !== null) left.push({ name: column.name, reason })
  }
  return left
}

/** Names of the columns currently used as features, in table order. */
export function selectedFeatures(state: Pick<DataStore, 'view' | 'features' | 'target'>): string[] {
  if (!state.view) return []
  return state.view.columnNames.filter((name) => state.features[name] && name !== state.target)
}

/**
 * The one place where an error becomes text on the page: every store turns
 * what it caught into the sentence people read (core/user-message), while the
 * code and the technical message go to the console for whoever debugs it.
 */
export function messageOf(error: unknown): string {
  const code = errorCode(error)
  console.info(`Clinical ML Studio${code ? ` [${code}]` : ''}: ${errorText(error)}`)
  return userMessage(error)
}
