import * as Comlink from 'comlink'
import type { CrossValidationProgress, CrossValidationRequest, CrossValidationResult } from '../core/eval/cross-validate'
import type { FitProgress } from '../core/model/estimator'
import { tableBuffers } from '../core/table/access'
import type { TrainingRequest, TrainingResult } from '../core/train/run-training'
import type { Table } from '../core/types'
import type { TrainWorkerApi } from '../../workers/train.worker'
import { CancelledError, StudioError } from '../core/errors'
import { race, startWorker, WORKER_FAILURE_CODES, type WorkerHandle } from './worker-handle'

/** Thrown into a job's result when the user cancelled it: core's CancelledError, so the experiment runner sees a cancellation. */
export class TrainingCancelled extends CancelledError {
  constructor() {
    super('Training was cancelled')
    this.name = 'TrainingCancelled'
  }
}

export interface TrainingJob {
  result: Promise<TrainingResult>
  /** Stops the job at once: a queued job never starts; a running one's worker is terminated (and replaced on demand). */
  cancel(): void
}

export interface JobCallbacks {
  onProgress(progress: FitProgress): void
  /** Called when a worker picks the job up (it may wait in the queue first). */
  onStart?(): void
}

interface Slot {
  handle: WorkerHandle<TrainWorkerApi>
  busy: boolean
}

interface Pending {
  run(slot: Slot): void
  cancelled: boolean
}

/** Workers kept for training: one per spare core, at least 1, at most 4 (the page and the data worker need a core too). */
export function poolSize(): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2
  return Math.min(4, Math.max(1, cores - 1))
}

/**
 * Threads one run's tree fits use: every core (up to 4) on a cross-origin
 * isolated page, where threads may share memory; else one, with the reason
 * for the Train page. Never changes a model, only how fast it trains.
 */
export function threadsPerRun(): { threads: number; note?: string } {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 1
  if (cores < 2) return { threads: 1 }
  if (typeof crossOriginIsolated === 'undefined' || !crossOriginIsolated) {
    return { threads: 1, note: 'Tree models train on one core: this page is not cross-origin isolated (its server sends no COOP/COEP headers; see the README).' }
  }
  return { threads: Math.min(4, cores) }
}

const slots: Slot[] = []
const queue: Pending[] = []

function createSlot(): Slot {
  const slot: Slot = {
    handle: startWorker<TrainWorkerApi>(
      () => new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'train' }),
      'The training worker',
    ),
    busy: false,
  }
  // Calls reach the worker in order, so its helpers start before the first job it takes.
  void slot.handle.api.setThreads(threadsPerRun().threads).catch(() => undefined)
  slots.push(slot)
  return slot
}

/** Drops a worker that was cancelled or crashed; a new one is made when needed. */
function retire(slot: Slot): void {
  slot.handle.terminate()
  const i = slots.indexOf(slot)
  if (i >= 0) slots.splice(i, 1)
}

function release(slot: Slot): void {
  slot.busy = false
  dispatch()
}

/** Starts queued jobs on free workers, creating workers lazily up to the pool size. */
function dispatch(): void {
  while (queue.length > 0) {
    const next = queue[0]
    if (next.cancelled) {
      queue.shift()
      continue
    }
    const slot = slots.find((s) => !s.busy) ?? (slots.length < poolSize() ? createSlot() : null)
    if (!slot) return
    queue.shift()
    slot.busy = true
    next.run(slot)
  }
}

/** Runs one call on a pooled worker; the queue, cancel and crash handling are shared by every kind of job. */
function submit<R>(start: (slot: Slot) => Promise<R>, onStart?: () => void): { result: Promise<R>; cancel(): void } {
  let cancel: () => void = () => undefined
  const result = new Promise<R>((resolve, reject) => {
    const pending: Pending = {
      cancelled: false,
      run(slot) {
        onStart?.()
        let finished = false
        cancel = () => {
          if (finished) return
          finished = true
          retire(slot)
          dispatch()
          reject(new TrainingCancelled())
        }
        race(slot.handle, start(slot)).then(
          (value) => {
            if (finished) return
            finished = true
            release(slot)
            resolve(value)
          },
          (error: unknown) => {
            if (finished) return
            finished = true
            // A worker that crashed is replaced; one that threw a normal error (bad input) is reused.
            if (error instanceof StudioError && WORKER_FAILURE_CODES.has(error.code)) retire(slot)
            else slot.busy = false
            dispatch()
            reject(error)
          },
        )
      },
    }
    cancel = () => {
      pending.cancelled = true
      reject(new TrainingCancelled())
    }
    queue.push(pending)
    dispatch()
  })
  return { result, cancel: () => cancel() }
}

/**
 * Trains `request` on a pooled worker. `table` is transferred to the worker
 * (unusable here afterwards): a million-row table crosses without copying or
 * stalling the page. Jobs beyond the pool size wait in a queue.
 */
export function submitTraining(table: Table, request: TrainingRequest, dataset: { name: string; fingerprint: string }, callbacks: JobCallbacks): TrainingJob {
  return submit(
    (slot) => slot.handle.api.train(Comlink.transfer(table, tableBuffers(table)), request, dataset, Comlink.proxy(callbacks.onProgress)),
    callbacks.onStart,
  )
}

/** Cross-validates one model specification on a pooled worker (a search trial, a leaderboard entry). */
export function submitCrossValidation(
  table: Table,
  request: CrossValidationRequest,
  callbacks: { onProgress(progress: CrossValidationProgress): void; onStart?(): void },
): { result: Promise<CrossValidationResult>; cancel(): void } {
  return submit((slot) => slot.handle.api.crossValidate(Comlink.transfer(table, tableBuffers(table)), request, Comlink.proxy(callbacks.onProgress)), callbacks.onStart)
}

/** Checks the folds of `request` at every row share on a pooled worker, without fitting (the runner's preflight). */
export function submitPreflight(table: Table, request: CrossValidationRequest, shares: number[], callbacks: { onStart?(): void } = {}): { result: Promise<void>; cancel(): void } {
  return submit((slot) => slot.handle.api.preflight(Comlink.transfer(table, tableBuffers(table)), request, shares), callbacks.onStart)
}

/** How many jobs wait for a worker (for the page's status text). */
export function queuedJobs(): number {
  return queue.filter((p) => !p.cancelled).length
}
