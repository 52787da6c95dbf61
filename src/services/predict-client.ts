import * as Comlink from 'comlink'
import type { RegistryInfo } from '../core/bundle/bundle'
import type { BatchResult, RecordsInput } from '../core/bundle/predict-types'
import type { ProgressCallback } from '../core/types'
import type { PredictWorkerApi } from '../../workers/predict.worker'
import type { BatchRowView, BatchSummary, ModelSummary } from './predict-types'
import { race, startWorker, type WorkerHandle } from './worker-handle'

export type { BatchRowView, BatchSummary, ModelSummary } from './predict-types'

let handle: WorkerHandle<PredictWorkerApi> | null = null
/** The bundle loaded last: a worker started after a crash gets it again before its first call. */
let loadedBundle: unknown = null

function predictWorker(): WorkerHandle<PredictWorkerApi> {
  if (!handle) {
    const started = startWorker<PredictWorkerApi>(
      () => new Worker(new URL('../../workers/predict.worker.ts', import.meta.url), { type: 'module', name: 'predict' }),
      'The prediction worker',
    )
    handle = started
    started.failed.catch(() => {
      if (handle === started) handle = null // the next call starts a fresh worker; the page loads its model again
    })
  }
  return handle
}

function call<R>(run: (api: Comlink.Remote<PredictWorkerApi>) => Promise<R>): Promise<R> {
  const fresh = handle === null
  const h = predictWorker()
  const ready = fresh && loadedBundle !== null ? h.api.load(loadedBundle).then(() => undefined) : Promise.resolve()
  return race(h, ready.then(() => run(h.api)))
}

/** Loads a model bundle into the predict worker (replacing the one there) and describes it. */
export async function loadModel(bundle: unknown): Promise<ModelSummary> {
  loadedBundle = null
  const summary = await call((api) => api.load(bundle))
  loadedBundle = bundle
  return summary
}

/** Answers records with the loaded model, explanations included. */
export function predictRecords(input: RecordsInput): Promise<BatchResult> {
  return call((api) => api.predict(input))
}

/** Reads and scores a dropped or picked file in the worker; the file's bytes are transferred, not copied. */
export async function scoreFile(file: File, onProgress?: ProgressCallback): Promise<BatchSummary> {
  const bytes = await file.arrayBuffer()
  return call((api) => api.scoreFile(Comlink.transfer(bytes, [bytes]), file.name, onProgress && Comlink.proxy(onProgress)))
}

export function batchRows(offset: number, limit: number, threshold: number | null): Promise<BatchRowView[]> {
  return call((api) => api.batchRows(offset, limit, threshold))
}

export function exportBatch(format: 'csv' | 'parquet', threshold: number | null): Promise<Uint8Array> {
  return call((api) => api.exportBatch(format, threshold))
}

/** A bundle with its registry metadata, as JSON text for the model server (made in the worker; the loaded model is kept). */
export function serverBundle(bundle: unknown, registry: RegistryInfo): Promise<string> {
  return call((api) => api.serverBundle(bundle, registry))
}

/** A bundle as an ONNX model's bytes, with its registry metadata when given (made in the worker; the loaded model is kept); `afterCleaning`: the graph starts after the bundle's cleaning. */
export function onnxModel(bundle: unknown, registry?: RegistryInfo, afterCleaning = false): Promise<Uint8Array> {
  return call((api) => api.onnxModel(bundle, registry, afterCleaning))
}
