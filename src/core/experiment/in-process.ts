/**
 * The executor that runs tasks in the calling thread (the CLI, tests): core's
 * own functions on tables held in memory, one task after another, so logs
 * never interleave and a fit gets the whole core.
 */
import { crossValidate } from '../eval/cross-validate'
import { CancelledError } from '../errors'
import { runTraining } from '../train/run-training'
import type { Table } from '../types'
import { preflightFolds } from './preflight'
import type { ExperimentExecutor, ExperimentTask, TaskHooks, TaskResult } from './types'

/**
 * An executor over `cleaned` (what cross-validation sees) and `raw` (the
 * table as read, which a training request with a recipe cleans itself;
 * defaults to `cleaned`).
 */
export function inProcessExecutor(tables: { cleaned: Table; raw?: Table }): ExperimentExecutor {
  let chain: Promise<unknown> = Promise.resolve()
  const runOne = async (task: ExperimentTask, hooks: TaskHooks<ExperimentTask>): Promise<unknown> => {
    if (hooks.signal?.aborted) throw new CancelledError()
    hooks.onStart?.()
    const onProgress = hooks.onProgress as ((p: any) => void) | undefined
    switch (task.kind) {
      case 'preflight':
        return preflightFolds(tables.cleaned, task.request, task.shares)
      case 'cv':
        return crossValidate(tables.cleaned, task.request, { signal: hooks.signal, onProgress })
      case 'train': {
        const table = task.request.recipe ? (tables.raw ?? tables.cleaned) : tables.cleaned
        return runTraining(table, task.request, { dataset: task.dataset, signal: hooks.signal, onProgress })
      }
    }
  }
  return {
    run<T extends ExperimentTask>(task: T, hooks: TaskHooks<T> = {}): Promise<TaskResult<T>> {
      const next = chain.then(() => runOne(task, hooks as TaskHooks<ExperimentTask>))
      chain = next.catch(() => undefined)
      return next as Promise<TaskResult<T>>
    },
  }
}
