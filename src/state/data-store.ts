import { create } from 'zustand'
import type { LoadedDataset } from '../core/dataset'
import { inferTask } from '../core/train/target'
import type { Task } from '../core/types'
import * as dataClient from '../services/data-client'
import type { SampleDataset } from './samples'

export interface DatasetState extends LoadedDataset {
  /** Set when the dataset is one of the bundled synthetic samples. */
  sample: SampleDataset | null
}

interface DataStore {
  dataset: DatasetState | null
  /** What is being loaded right now, for the status line. */
  loading: string | null
  error: string | null
  target: string | null
  task: Task | null
  inferredTask: Task | null
  /** Columns used as features, by name. */
  features: Record<string, boolean>
}

export const useDataStore = create<DataStore>(() => ({
  dataset: null,
  loading: null,
  error: null,
  target: null,
  task: null,
  inferredTask: null,
  features: {},
}))

const EXCLUDED_KINDS = new Set(['identifier', 'constant', 'text'])

async function load(label: string, read: () => Promise<LoadedDataset>, sample: SampleDataset | null): Promise<boolean> {
  useDataStore.setState({ loading: label, error: null })
  try {
    const loaded = await read()
    const features = Object.fromEntries(loaded.profile.columns.map((c) => [c.name, !EXCLUDED_KINDS.has(c.kind)]))
    useDataStore.setState({ dataset: { ...loaded, sample }, loading: null, error: null, features, target: null, task: null, inferredTask: null })
    if (sample) setTarget(sample.target)
    return true
  } catch (error) {
    // The previous dataset stays loaded and usable; only the message changes.
    useDataStore.setState({ loading: null, error: messageOf(error) })
    return false
  }
}

export function loadFile(file: File): Promise<boolean> {
  return load(`Reading ${file.name}…`, () => dataClient.loadFile(file), null)
}

export function loadUrl(url: string): Promise<boolean> {
  const trimmed = url.trim()
  if (!/^https?:\/\//i.test(trimmed)) {
    useDataStore.setState({ error: `url: "${trimmed}" must start with http:// or https://` })
    return Promise.resolve(false)
  }
  return load(`Downloading ${trimmed}…`, () => dataClient.loadUrl(trimmed), null)
}

export function loadSample(sample: SampleDataset): Promise<boolean> {
  return load(`Loading the ${sample.title} sample…`, () => dataClient.loadUrl(sample.url, sample.fileName), sample)
}

export function dismissError(): void {
  useDataStore.setState({ error: null })
}

/** Chooses the target; it stops being a feature and the task is inferred from its values. */
export function setTarget(name: string | null): void {
  const { dataset, features } = useDataStore.getState()
  if (!dataset || name === null) return void useDataStore.setState({ target: null, task: null, inferredTask: null })
  const column = dataset.table.columns.find((c) => c.name === name)
  if (!column) return
  const inferred = inferTask(column)
  const previous = useDataStore.getState().target
  const restored = previous && previous !== name ? { [previous]: !EXCLUDED_KINDS.has(kindOf(dataset, previous)) } : {}
  useDataStore.setState({ target: name, task: inferred, inferredTask: inferred, features: { ...features, ...restored, [name]: false } })
}

export function setTask(task: Task): void {
  useDataStore.setState({ task })
}

export function setFeature(name: string, included: boolean): void {
  useDataStore.setState((s) => ({ features: { ...s.features, [name]: included } }))
}

export function setAllFeatures(included: boolean): void {
  useDataStore.setState((s) => ({
    features: Object.fromEntries(Object.keys(s.features).map((name) => [name, included && name !== s.target])),
  }))
}

/** Names of the columns currently used as features, in table order. */
export function selectedFeatures(state: Pick<DataStore, 'dataset' | 'features' | 'target'>): string[] {
  if (!state.dataset) return []
  return state.dataset.table.columns.map((c) => c.name).filter((name) => state.features[name] && name !== state.target)
}

function kindOf(dataset: DatasetState, name: string): string {
  return dataset.profile.columns.find((c) => c.name === name)?.kind ?? 'numeric'
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'object' && error && 'message' in error) return String((error as { message: unknown }).message)
  return String(error)
}
