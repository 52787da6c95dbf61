import * as Comlink from 'comlink'
import type { PipelineRunRecord, PipelineSpec, RegistryPort, StageRecord } from '../core/workflow/types'
import type { PipelineWorkerApi } from '../../workers/pipeline.worker'
import { race, startWorker } from './worker-handle'

/** Thrown into a job's result when the user cancelled it. */
export class PipelineCancelled extends Error {
  constructor() {
    super('The pipeline run was cancelled')
    this.name = 'PipelineCancelled'
  }
}

/** A pipeline run in its own worker, with a Cancel that stops it at once. */
export interface PipelineJob {
  result: Promise<PipelineRunRecord>
  /** Terminates the worker: the run ends where it was (the page records it as failed). */
  cancel(): void
}

/**
 * Runs `spec` on `file` in a fresh pipeline worker: the file's bytes are
 * transferred, the registry port and the stage callback are proxied, so the
 * worker reads and writes the studio registry through the page. The worker
 * is terminated when the run ends.
 */
export function runPipelineInWorker(spec: PipelineSpec, file: File, registry: RegistryPort, onStage: (record: StageRecord) => void): PipelineJob {
  const handle = startWorker<PipelineWorkerApi>(
    () => new Worker(new URL('../../workers/pipeline.worker.ts', import.meta.url), { type: 'module', name: 'pipeline' }),
    'The pipeline worker',
  )
  let cancel = (): void => undefined
  const cancelled = new Promise<never>((_, reject) => {
    cancel = () => {
      handle.terminate()
      reject(new PipelineCancelled())
    }
  })
  cancelled.catch(() => undefined) // observed through the race below
  const result = (async () => {
    try {
      const bytes = await file.arrayBuffer()
      const run = handle.api.run(spec, Comlink.transfer(bytes, [bytes]), file.name, Comlink.proxy(registry), Comlink.proxy(onStage))
      return await Promise.race([race(handle, run), cancelled])
    } finally {
      handle.terminate()
    }
  })()
  return { result, cancel: () => cancel() }
}
