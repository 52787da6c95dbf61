/**
 * A training worker: runs training requests and cross-validations from
 * src/core and reports progress through a comlink proxy. Cancelling terminates
 * the worker (the pool replaces it), which stops even a tight numeric loop at once.
 */
import * as Comlink from 'comlink'
// Thrown StudioErrors reach the page with their code (see src/services/error-transfer.ts).
import '../src/services/error-transfer'
import { crossValidate, type CrossValidationProgress, type CrossValidationRequest, type CrossValidationResult } from '../src/core/eval/cross-validate'
import { preflightFolds } from '../src/core/experiment/preflight'
import type { FitProgress } from '../src/core/model/estimator'
import { runTraining, type TrainingRequest, type TrainingResult } from '../src/core/train/run-training'
import type { Table } from '../src/core/types'
import { useForestThreads } from './forest-threads'
import { useThreads, type ComputeInfo } from './histogram-threads'

/** Forwards at most one progress message per 50 ms (and always the last unit) to the page. */
function throttled<P>(callback: (progress: P) => void, isLast: (progress: P) => boolean): (progress: P) => void {
  let last = 0
  return (progress) => {
    const now = Date.now()
    if (now - last >= 50 || isLast(progress)) {
      last = now
      void callback(progress)
    }
  }
}

/** Neural nets only: load tfjs and start webgpu → wasm → cpu; other families never download tfjs. */
async function tfjsFor(family: string): Promise<void> {
  if (family === 'mlp') await (await import('./tfjs-backend')).selectTfjsBackend()
}

/** Threads this worker's tree fits use; set once by the pool (setThreads) before any job. */
let compute: Promise<ComputeInfo> = useThreads(1)

const api = {
  /** Starts the helper threads of tree fits (histogram-threads.ts, forest-threads.ts); jobs wait for them. */
  setThreads(threads: number): Promise<ComputeInfo> {
    compute = useThreads(threads).then((info) => {
      useForestThreads(info.threads)
      return info
    })
    return compute
  },

  async train(table: Table, request: TrainingRequest, dataset: { name: string; fingerprint: string }, onProgress: (progress: FitProgress) => void): Promise<TrainingResult> {
    await Promise.all([tfjsFor(request.family), compute])
    return runTraining(table, request, { dataset, onProgress: throttled(onProgress, (p) => p.done === p.total) })
  },

  async crossValidate(table: Table, request: CrossValidationRequest, onProgress: (progress: CrossValidationProgress) => void): Promise<CrossValidationResult> {
    await Promise.all([tfjsFor(request.family), compute])
    return crossValidate(table, request, { onProgress: throttled(onProgress, (p) => p.inner === null) })
  },

  /** The experiment runner's fold checks, before any fit. */
  async preflight(table: Table, request: CrossValidationRequest, shares: number[]): Promise<void> {
    return preflightFolds(table, request, shares)
  },
}

export type TrainWorkerApi = typeof api

Comlink.expose(api)
