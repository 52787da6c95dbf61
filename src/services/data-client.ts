import * as Comlink from 'comlink'
import type { CleaningRecipe } from '../core/clean/types'
import type { CleanedView, DataVersion } from '../core/data-session'
import type { ImportRunOptions } from '../core/interop/xgboost'
import type { RunRecord } from '../core/tracking/run-schema'
import type { DatasetView } from '../core/dataset'
import type { TargetProfile } from '../core/table/profile/target-profile'
import type { ProgressCallback, Table, Task } from '../core/types'
import type { DataWorkerApi } from '../../workers/data.worker'
import { race, startWorker, type WorkerHandle } from './worker-handle'

let handle: WorkerHandle<DataWorkerApi> | null = null

function dataWorker(): WorkerHandle<DataWorkerApi> {
  if (!handle) {
    handle = startWorker<DataWorkerApi>(
      () => new Worker(new URL('../../workers/data.worker.ts', import.meta.url), { type: 'module', name: 'data' }),
      'The data worker',
    )
    handle.failed.catch(() => {
      handle = null // the next call starts a fresh worker (the loaded data is lost with the old one)
    })
  }
  return handle
}

function call<R>(run: (api: Comlink.Remote<DataWorkerApi>) => Promise<R>): Promise<R> {
  const h = dataWorker()
  return race(h, run(h.api))
}

/** Reads a dropped or picked file in the data worker; the file's bytes are transferred, not copied. */
export async function loadFile(file: File, onProgress?: ProgressCallback): Promise<DatasetView> {
  const bytes = await file.arrayBuffer()
  return call((api) => api.loadBytes(Comlink.transfer(bytes, [bytes]), file.name, onProgress && Comlink.proxy(onProgress)))
}

/** Downloads and reads a file from an http(s) address, in the data worker. */
export function loadUrl(url: string, displayName?: string, onProgress?: ProgressCallback): Promise<DatasetView> {
  return call((api) => api.loadUrl(url, displayName, onProgress && Comlink.proxy(onProgress)))
}

/** Reads another sheet of the workbook loaded last; the data worker kept its bytes. */
export function readSheet(sheet: string, onProgress?: ProgressCallback): Promise<DatasetView> {
  return call((api) => api.readSheet(sheet, onProgress && Comlink.proxy(onProgress)))
}

export function applyRecipe(recipe: CleaningRecipe | null): Promise<CleanedView> {
  return call((api) => api.applyRecipe(recipe))
}

export function checkRecipeText(text: string): Promise<CleaningRecipe> {
  return call((api) => api.checkRecipeText(text))
}

export function proposeRecipe(target: string | null): Promise<CleaningRecipe> {
  return call((api) => api.propose(target))
}

export function inferTask(target: string): Promise<Task> {
  return call((api) => api.inferTask(target))
}

/** The target's profile in the cleaned table (what training uses), or in the table as read. */
export function profileTarget(target: string, task: Task, version: DataVersion = 'cleaned'): Promise<TargetProfile> {
  return call((api) => api.profileTarget(target, task, version))
}

export function exportCurrent(format: 'csv' | 'parquet'): Promise<Uint8Array> {
  return call((api) => api.exportCurrent(format))
}

/** The cleaned table, copied out of the data worker for a training worker. */
export function trainingTable(): Promise<Table> {
  return call((api) => api.trainingTable())
}

/** The table as read (before the cleaning recipe), copied out of the data worker for a training worker that cleans it itself. */
export function originalTable(): Promise<Table> {
  return call((api) => api.originalTable())
}

/** An XGBoost model file (its text) imported on the loaded table, in the data worker that holds it: the finished run. */
export function importXGBoostRun(text: string, options: ImportRunOptions): Promise<RunRecord> {
  return call((api) => api.importXGBoost(text, options))
}
