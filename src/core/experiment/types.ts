/**
 * The experiment runner's contract with whoever runs the work: the page's
 * worker pool or, in Node, the same process. The runner (search.ts,
 * leaderboard.ts, refit.ts) decides what to run and how to judge it; an
 * executor only runs one task on the data it holds and reports progress.
 */
import type { CrossValidationProgress, CrossValidationRequest, CrossValidationResult } from '../eval/cross-validate'
import type { FitProgress } from '../model/estimator'
import type { TrainingRequest, TrainingResult } from '../train/run-training'

/** Checks that the folds of `request` can be cut at every row share (halving's rungs) without fitting anything. */
export interface PreflightTask {
  kind: 'preflight'
  request: CrossValidationRequest
  shares: number[]
}

/** One cross-validation on the cleaned table (a trial, a leaderboard entry). */
export interface CrossValidationTask {
  kind: 'cv'
  request: CrossValidationRequest
}

/** One training run: on the table as read when the request carries a recipe (runTraining applies it), else on the cleaned table. */
export interface TrainingTask {
  kind: 'train'
  request: TrainingRequest
  /** Dataset identity recorded in the bundle. */
  dataset: { name: string; fingerprint: string }
}

export type ExperimentTask = PreflightTask | CrossValidationTask | TrainingTask

export type TaskResult<T extends ExperimentTask> = T extends CrossValidationTask ? CrossValidationResult : T extends TrainingTask ? TrainingResult : void
export type TaskProgress<T extends ExperimentTask> = T extends CrossValidationTask ? CrossValidationProgress : T extends TrainingTask ? FitProgress : never

export interface TaskHooks<T extends ExperimentTask> {
  /** Aborting cancels the task: a queued one never starts, a running one stops; the promise rejects with core's CancelledError. */
  signal?: AbortSignal
  /** Called when the task leaves the queue and starts. */
  onStart?(): void
  onProgress?(progress: TaskProgress<T>): void
}

/**
 * Runs experiment tasks. The page's executor sends each to its worker pool
 * (several at once); Node's runs them in-process. Same task, same data: the
 * same result, whichever executor runs it.
 */
export interface ExperimentExecutor {
  run<T extends ExperimentTask>(task: T, hooks?: TaskHooks<T>): Promise<TaskResult<T>>
}
