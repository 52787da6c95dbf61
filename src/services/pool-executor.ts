/**
 * The experiment runner's executor in the page: each task goes to the
 * training worker pool (train-pool.ts) with a fresh copy of the table it
 * needs from the data worker — the cleaned table, or the table as read for a
 * training request that carries a recipe (the worker cleans it itself, so the
 * bundle replays exactly what made the training rows). Aborting the task's
 * signal cancels its job; the rejection is core's CancelledError.
 */
import type { ExperimentExecutor, ExperimentTask, TaskHooks, TaskResult } from '../core/experiment/types'
import type { Table } from '../core/types'
import * as dataClient from './data-client'
import { submitCrossValidation, submitPreflight, submitTraining, TrainingCancelled } from './train-pool'

async function runOnPool(task: ExperimentTask, hooks: TaskHooks<ExperimentTask>): Promise<unknown> {
  const { signal } = hooks
  if (signal?.aborted) throw new TrainingCancelled()
  const table: Table = task.kind === 'train' && task.request.recipe ? await dataClient.originalTable() : await dataClient.trainingTable()
  if (signal?.aborted) throw new TrainingCancelled()
  const onStart = () => hooks.onStart?.()
  const onProgress = (p: unknown) => (hooks.onProgress as ((p: unknown) => void) | undefined)?.(p)
  const job =
    task.kind === 'cv'
      ? submitCrossValidation(table, task.request, { onStart, onProgress })
      : task.kind === 'train'
        ? submitTraining(table, task.request, task.dataset, { onStart, onProgress })
        : submitPreflight(table, task.request, task.shares, { onStart })
  const cancel = () => job.cancel()
  signal?.addEventListener('abort', cancel, { once: true })
  try {
    return await job.result
  } finally {
    signal?.removeEventListener('abort', cancel)
  }
}

export const poolExecutor: ExperimentExecutor = {
  run<T extends ExperimentTask>(task: T, hooks: TaskHooks<T> = {}): Promise<TaskResult<T>> {
    return runOnPool(task, hooks as TaskHooks<ExperimentTask>) as Promise<TaskResult<T>>
  },
}
