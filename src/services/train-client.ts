import * as Comlink from 'comlink'
import type { FitProgress } from '../core/model/estimator'
import type { TrainingRequest, TrainingResult } from '../core/train/run-training'
import { tableBuffers } from '../core/table/access'
import type { Table } from '../core/types'
import type { TrainWorkerApi } from '../../workers/train.worker'
import { race, startWorker, type WorkerHandle } from './worker-handle'

export interface TrainingJob {
  result: Promise<TrainingResult>
  /** Stops training at once by terminating its worker. */
  cancel(): void
}

export class TrainingCancelled extends Error {
  constructor() {
    super('Training was cancelled')
    this.name = 'TrainingCancelled'
  }
}

/**
 * Trains in a dedicated worker; `table` is transferred to it and unusable afterwards. Each job gets a fresh worker that is
 * terminated when the job ends or is cancelled, so a cancelled run can never
 * keep a core busy or report late.
 */
export function startTraining(table: Table, request: TrainingRequest, dataset: { name: string; fingerprint: string }, onProgress: (p: FitProgress) => void): TrainingJob {
  const handle: WorkerHandle<TrainWorkerApi> = startWorker<TrainWorkerApi>(
    () => new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'train' }),
    'The training worker',
  )
  let rejectCancelled: (error: Error) => void = () => undefined
  const cancelled = new Promise<never>((_, reject) => {
    rejectCancelled = reject
  })
  cancelled.catch(() => undefined)
  // The table's buffers move to the worker (transfer, not copy): the page holds no copy, and a
  // million-row table crosses without stalling the main thread.
  const call = handle.api.train(Comlink.transfer(table, tableBuffers(table)), request, dataset, Comlink.proxy(onProgress))
  const result = Promise.race([race(handle, call), cancelled]).finally(() => handle.terminate())
  return {
    result,
    cancel: () => {
      handle.terminate()
      rejectCancelled(new TrainingCancelled())
    },
  }
}
