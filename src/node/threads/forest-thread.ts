/**
 * A Node helper thread that grows ranges of a random forest's trees (core's
 * growForestTrees) and posts each part back, its arrays transferred.
 */
import { parentPort } from 'node:worker_threads'
import { StudioError } from '../../core/errors'
import type { ForestInputs } from '../../core/model/tree/forest-inputs'
import { forestPartBuffers, growForestTrees } from '../../core/model/tree/random-forest'

export interface ForestRequest {
  id: number
  inputs: ForestInputs
  from: number
  to: number
}

parentPort?.on('message', ({ id, inputs, from, to }: ForestRequest) => {
  try {
    const part = growForestTrees(inputs, from, to)
    parentPort?.postMessage({ id, part }, forestPartBuffers(part) as ArrayBuffer[])
  } catch (error) {
    parentPort?.postMessage({ id, error: { code: error instanceof StudioError ? error.code : 'forest-thread-failed', message: error instanceof Error ? error.message : String(error) } })
  }
})
// Loaded and listening: the pool waits for this before the first fit counts on the thread.
parentPort?.postMessage('ready')
