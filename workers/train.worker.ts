/**
 * A training worker: runs one training request from src/core and reports
 * progress through a comlink proxy. Cancelling terminates the worker (the page
 * creates a new one), which stops even a tight numeric loop at once.
 */
import * as Comlink from 'comlink'
import type { FitProgress } from '../src/core/model/estimator'
import { runTraining, type TrainingRequest, type TrainingResult } from '../src/core/train/run-training'
import type { Table } from '../src/core/types'

const api = {
  train(
    table: Table,
    request: TrainingRequest,
    dataset: { name: string; fingerprint: string },
    onProgress: (progress: FitProgress) => void,
  ): Promise<TrainingResult> {
    let last = 0
    return runTraining(table, request, {
      dataset,
      onProgress: (progress) => {
        // Throttle messages: a progress event every 50 ms is smooth enough.
        const now = Date.now()
        if (now - last >= 50 || progress.done === progress.total) {
          last = now
          void onProgress(progress)
        }
      },
    })
  },
}

export type TrainWorkerApi = typeof api

Comlink.expose(api)
