/**
 * A helper of the training worker that grows ranges of a random forest's
 * trees (core's growForestTrees) and posts each part back, its arrays
 * transferred. See workers/forest-threads.ts.
 */
import { StudioError } from '../src/core/errors'
import type { ForestInputs } from '../src/core/model/tree/forest-inputs'
import { forestPartBuffers, growForestTrees } from '../src/core/model/tree/random-forest'

self.onmessage = (event: MessageEvent<{ id: number; inputs: ForestInputs; from: number; to: number }>) => {
  const { id, inputs, from, to } = event.data
  try {
    const part = growForestTrees(inputs, from, to)
    self.postMessage({ id, part }, { transfer: forestPartBuffers(part) as ArrayBuffer[] })
  } catch (error) {
    self.postMessage({ id, error: { code: error instanceof StudioError ? error.code : 'forest-thread-failed', message: error instanceof Error ? error.message : String(error) } })
  }
}
