/**
 * A Node helper thread that grows a random forest's trees, claiming them
 * from the fit's shared queue (core's growQueuedTrees), and posts its part
 * back, its arrays transferred.
 */
import { parentPort } from 'node:worker_threads'
import { StudioError } from '../../core/errors'
import type { ForestInputs } from '../../core/model/tree/forest-inputs'
import type { TreeQueue } from '../../core/model/tree/forest-threads'
import { forestPartBuffers, growQueuedTrees } from '../../core/model/tree/random-forest'

export interface ForestRequest {
  id: number
  inputs: ForestInputs
  queue: TreeQueue
}

parentPort?.on('message', ({ id, inputs, queue }: ForestRequest) => {
  try {
    const part = growQueuedTrees(inputs, queue)
    parentPort?.postMessage({ id, part }, forestPartBuffers(part) as ArrayBuffer[])
  } catch (error) {
    parentPort?.postMessage({ id, error: { code: error instanceof StudioError ? error.code : 'forest-thread-failed', message: error instanceof Error ? error.message : String(error) } })
  }
})
// Loaded and listening: the pool waits for this before the first fit counts on the thread.
parentPort?.postMessage('ready')
