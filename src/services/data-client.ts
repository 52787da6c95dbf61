import * as Comlink from 'comlink'
import type { LoadedDataset } from '../core/dataset'
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
      handle = null // the next call starts a fresh worker
    })
  }
  return handle
}

/** Reads a dropped or picked file in the data worker; the file's bytes are transferred, not copied. */
export async function loadFile(file: File): Promise<LoadedDataset> {
  const bytes = await file.arrayBuffer()
  const h = dataWorker()
  return race(h, h.api.loadBytes(transferable(bytes), file.name))
}

/** Downloads and reads a file from an http(s) address, in the data worker. */
export async function loadUrl(url: string, displayName?: string): Promise<LoadedDataset> {
  const h = dataWorker()
  return race(h, h.api.loadUrl(url, displayName))
}


function transferable(bytes: ArrayBuffer): ArrayBuffer {
  return Comlink.transfer(bytes, [bytes])
}
