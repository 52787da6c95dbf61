import { create } from 'zustand'
import type { RowIssue, RowResult } from '../core/bundle/predict-types'
import { classAtThreshold } from '../core/predict/decision'
import type { Progress } from '../core/types'
import * as predictClient from '../services/predict-client'
import type { BatchRowView, BatchSummary, ModelSummary } from '../services/predict-client'
import { getRunBundle } from '../services/storage/artifacts'
import { messageOf } from './data-store'
import { defaultChoice, modelChoices, type ModelChoice } from './model-choices'
import { refreshRegistry, useRegistryStore } from './registry-store'
import { refreshRuns, useRunsStore } from './runs-store'

/** Rows of the batch table shown at a time. */
export const BATCH_PAGE_SIZE = 50

/** The form's answer: the model's result for the one record, and what validation said about it. */
export interface FormAnswer {
  /** Null when a validation rule refused the record (see `issues`). */
  result: RowResult | null
  issues: RowIssue[]
  warnings: string[]
}

interface PredictStore {
  /** Key of the chosen model (see model-choices.ts); null until one is chosen. */
  choice: string | null
  /** The chosen model while it loads into the predict worker. */
  loading: boolean
  model: ModelSummary | null
  modelError: string | null
  /** The decision threshold of a binary model, as the user set it; null for other tasks. */
  threshold: number | null
  /** The form's text per input column ('' is blank). */
  values: Record<string, string>
  /** Columns left blank that the model cannot fill in, after the last Predict. */
  blanks: string[]
  predicting: boolean
  answer: FormAnswer | null
  formError: string | null
  batch: BatchSummary | null
  /** The file behind `batch`, kept so the Monitor page can check it for drift ("Check drift"). */
  batchFile: File | null
  batchRows: BatchRowView[]
  batchOffset: number
  /** Reading or scoring a file: its progress; null when idle. */
  batchProgress: Progress | null
  batchError: string | null
}

const EMPTY_FORM = { values: {}, blanks: [], answer: null, formError: null, batch: null, batchFile: null, batchRows: [], batchOffset: 0, batchError: null }

export const usePredictStore = create<PredictStore>(() => ({
  choice: null,
  loading: false,
  model: null,
  modelError: null,
  threshold: null,
  predicting: false,
  batchProgress: null,
  ...EMPTY_FORM,
}))

/** The models the page offers, from the registry and the runs as the page has them. */
export function currentChoices(): ModelChoice[] {
  return modelChoices(useRegistryStore.getState().models, useRunsStore.getState().runs)
}

/** Called when the Predict page opens: reads the registry and runs, and loads the default model if none is chosen. */
export async function initPredict(): Promise<void> {
  await Promise.all([refreshRegistry(), refreshRuns()])
  if (usePredictStore.getState().choice !== null) return
  const choice = defaultChoice(currentChoices())
  if (choice) await chooseModel(choice.key)
}

/** Loads the chosen model into the predict worker; the form starts afresh with the model's columns. */
export async function chooseModel(key: string): Promise<void> {
  const choice = currentChoices().find((c) => c.key === key)
  usePredictStore.setState({ choice: key, loading: true, model: null, modelError: null, ...EMPTY_FORM })
  try {
    if (!choice) throw new Error('That model is no longer stored in this browser; choose another.')
    const bundle = await getRunBundle(choice.runId)
    if (!bundle) throw new Error(`The run behind this model (${choice.runId}) is no longer stored, so it cannot predict; choose another model.`)
    const model = await predictClient.loadModel(bundle)
    if (usePredictStore.getState().choice !== key) return // another model was chosen meanwhile
    usePredictStore.setState({ model, threshold: model.threshold, loading: false })
  } catch (error) {
    if (usePredictStore.getState().choice === key) usePredictStore.setState({ loading: false, modelError: messageOf(error) })
  }
}

export function setValue(column: string, text: string): void {
  usePredictStore.setState((s) => ({ values: { ...s.values, [column]: text }, blanks: s.blanks.filter((b) => b !== column) }))
}

/** Fills the form with one of the bundle's golden records (a real training-time example). */
export function fillExample(): void {
  const { model } = usePredictStore.getState()
  if (!model?.example) return
  const example = model.example
  const values = Object.fromEntries(model.inputSchema.map((c) => [c.name, example[c.name] === null || example[c.name] === undefined ? '' : String(example[c.name])]))
  usePredictStore.setState({ values, blanks: [], answer: null, formError: null })
}

export function clearForm(): void {
  usePredictStore.setState({ values: {}, blanks: [], answer: null, formError: null })
}

/**
 * Sends the form as one record to the model. A blank where the model cannot
 * fill in a value is named before anything is sent; a value the model
 * refuses comes back as the worker's message.
 */
export async function predictForm(): Promise<void> {
  const { model, values } = usePredictStore.getState()
  if (!model) return
  const blanks = model.inputSchema.filter((c) => !c.missingAllowed && (values[c.name] ?? '').trim() === '').map((c) => c.name)
  if (blanks.length > 0) {
    usePredictStore.setState({ blanks, answer: null, formError: `Fill in ${blanks.join(', ')}: the model cannot predict without ${blanks.length === 1 ? 'it' : 'them'}.` })
    return
  }
  const row = model.inputSchema.map((c) => {
    const text = (values[c.name] ?? '').trim()
    if (text === '') return null
    return c.type === 'number' ? Number(text) : text
  })
  usePredictStore.setState({ predicting: true, blanks: [], formError: null })
  try {
    const batch = await predictClient.predictRecords({ columns: model.inputSchema.map((c) => c.name), rows: [row] })
    usePredictStore.setState({ answer: { result: batch.rows[0] ?? null, issues: batch.issues, warnings: batch.warnings }, predicting: false })
  } catch (error) {
    usePredictStore.setState({ answer: null, predicting: false, formError: messageOf(error) })
  }
}

/** Moves the decision threshold (binary models); the batch table's classes follow. */
export function setThreshold(threshold: number): void {
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) return
  usePredictStore.setState({ threshold })
  if (usePredictStore.getState().batch) void showBatchPage(usePredictStore.getState().batchOffset)
}

/** The class an answer names at the page's threshold, or null for regression and refused records. */
export function classOf(result: RowResult | null, state: Pick<PredictStore, 'model' | 'threshold'> = usePredictStore.getState()): string | null {
  if (!result?.probabilities || !state.model || state.model.task === 'regression') return null
  return classAtThreshold(result.probabilities, { labels: state.model.target.labels, threshold: state.model.task === 'binary' ? state.threshold : null })
}

/** Reads and scores a file in the predict worker, then shows the first page of answers. */
export async function scoreBatchFile(file: File): Promise<void> {
  if (!usePredictStore.getState().model) return
  usePredictStore.setState({ batch: null, batchFile: null, batchRows: [], batchOffset: 0, batchError: null, batchProgress: { stage: `Reading ${file.name}`, done: 0, total: 0 } })
  try {
    const batch = await predictClient.scoreFile(file, (progress) => usePredictStore.setState({ batchProgress: progress }))
    usePredictStore.setState({ batch, batchFile: file })
    await showBatchPage(0)
  } catch (error) {
    usePredictStore.setState({ batchError: messageOf(error) })
  } finally {
    usePredictStore.setState({ batchProgress: null })
  }
}

export async function showBatchPage(offset: number): Promise<void> {
  const { batch, threshold } = usePredictStore.getState()
  if (!batch) return
  const start = Math.max(0, Math.min(offset, Math.max(0, batch.rows - 1)))
  try {
    const rows = await predictClient.batchRows(start, BATCH_PAGE_SIZE, threshold)
    usePredictStore.setState({ batchRows: rows, batchOffset: start })
  } catch (error) {
    usePredictStore.setState({ batchError: messageOf(error) })
  }
}

/** The scored file with its answers, as file bytes; null (with the reason shown) when it cannot be made. */
export async function batchDownload(format: 'csv' | 'parquet'): Promise<Uint8Array | null> {
  try {
    return await predictClient.exportBatch(format, usePredictStore.getState().threshold)
  } catch (error) {
    usePredictStore.setState({ batchError: messageOf(error) })
    return null
  }
}
