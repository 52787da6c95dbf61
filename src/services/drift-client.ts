import * as Comlink from 'comlink'
import type { DriftOptions, DriftReport } from '../core/drift/types'
import type { ProgressCallback } from '../core/types'
import type { DriftWorkerApi, DriftRunRequest } from '../../workers/drift.worker'
import type { DriftModelSummary, DriftSlot, DriftTableSummary } from './drift-types'
import { race, startWorker, type WorkerHandle } from './worker-handle'

export type { DriftModelSummary, DriftSlot, DriftTableSummary } from './drift-types'
export type { DriftRunRequest } from '../../workers/drift.worker'

let handle: WorkerHandle<DriftWorkerApi> | null = null

/**
 * What the worker holds, kept here too: a worker started after a crash or a
 * stop gets the model and the files again before its first call (a File can
 * be read as often as needed; its bytes are transferred, not copied).
 */
const loaded: { model: { bundle: unknown; name: string } | null; files: Partial<Record<DriftSlot, File>> } = { model: null, files: {} }

function driftWorker(): WorkerHandle<DriftWorkerApi> {
  if (!handle) {
    const started = startWorker<DriftWorkerApi>(
      () => new Worker(new URL('../../workers/drift.worker.ts', import.meta.url), { type: 'module', name: 'drift' }),
      'The drift worker',
    )
    handle = started
    started.failed.catch(() => {
      if (handle === started) handle = null
    })
  }
  return handle
}

async function sendFile(api: Comlink.Remote<DriftWorkerApi>, slot: DriftSlot, file: File, onProgress?: ProgressCallback): Promise<DriftTableSummary> {
  const bytes = await file.arrayBuffer()
  return api.readFile(slot, Comlink.transfer(bytes, [bytes]), file.name, onProgress && Comlink.proxy(onProgress))
}

/** Runs `run` on the worker, first giving a fresh worker what the last one held. */
function call<R>(run: (api: Comlink.Remote<DriftWorkerApi>) => Promise<R>): Promise<R> {
  const fresh = handle === null
  const h = driftWorker()
  const replay = async () => {
    if (!fresh) return
    if (loaded.model) await h.api.loadModel(loaded.model.bundle, loaded.model.name)
    for (const slot of ['reference', 'current'] as const) {
      const file = loaded.files[slot]
      if (file) await sendFile(h.api, slot, file)
    }
  }
  return race(h, replay().then(() => run(h.api)))
}

/** Loads a model bundle as the reference (validated and migrated in the worker) and describes it. */
export async function loadDriftModel(bundle: unknown, name: string): Promise<DriftModelSummary> {
  loaded.model = null
  const summary = await call((api) => api.loadModel(bundle, name))
  loaded.model = { bundle, name }
  return summary
}

/** Forgets the model (the reference is a dataset file from now on). */
export async function clearDriftModel(): Promise<void> {
  loaded.model = null
  if (handle) await call((api) => api.clearModel())
}

/** Reads a dropped or picked file in the worker as the reference or current data. */
export async function readDriftFile(slot: DriftSlot, file: File, onProgress?: ProgressCallback): Promise<DriftTableSummary> {
  delete loaded.files[slot]
  const summary = await call((api) => sendFile(api, slot, file, onProgress))
  loaded.files[slot] = file
  return summary
}

/** Computes the drift report in the worker (core's driftReport); progress is reported per column. */
export function runDrift(request: DriftRunRequest, onProgress?: ProgressCallback): Promise<DriftReport> {
  return call((api) => api.report(request, onProgress && Comlink.proxy(onProgress)))
}

/** The report as a download: the self-contained HTML document or the JSON the CLI writes. */
export function exportDrift(report: DriftReport, format: 'html' | 'json'): Promise<string> {
  return call((api) => api.exportReport(report, format))
}

/**
 * Stops a report that is running by ending the worker; the next call starts a
 * fresh one and gives it the model and files again.
 */
export function stopDrift(): void {
  handle?.terminate()
  handle = null
}

export type { DriftOptions }
