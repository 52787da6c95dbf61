/**
 * A helper of the training worker that grows a random forest's trees,
 * claiming them from the fit's shared queue (core's growQueuedTrees), and
 * posts its part back, its arrays transferred. See workers/forest-threads.ts.
 */
import { StudioError } from '../src/core/errors'
import type { ForestInputs } from '../src/core/model/tree/forest-inputs'
import type { TreeQueue } from '../src/core/model/tree/forest-threads'
import { forestPartBuffers, growQueuedTrees } from '../src/core/model/tree/random-forest'

self.onmessage = (event: MessageEvent<{ id: number; inputs: ForestInputs; queue: TreeQueue }>) => {
  const { id, inputs, queue } = event.data
  try {
    const part = growQueuedTrees(inputs, queue)
    self.postMessage({ id, part }, { transfer: forestPartBuffers(part) as ArrayBuffer[] })
  } catch (error) {
    self.postMessage({ id, error: { code: error instanceof StudioError ? error.code : 'forest-thread-failed', message: error instanceof Error ? error.message : String(error) } })
  }
}
