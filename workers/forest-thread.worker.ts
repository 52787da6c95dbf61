/**
 * A helper of the training worker for random forest fits: bins blocks of
 * columns claimed from the fit's shared counter (core's binClaimedColumns) or
 * grows trees, claiming them from the fit's shared queue (core's
 * growQueuedTrees), and posts the result back, its arrays transferred. See
 * workers/forest-threads.ts.
 */
import { StudioError } from '../src/core/errors'
import type { BinningOptions } from '../src/core/model/tree/binning'
import { binClaimedColumns, claimedColumnsBuffers } from '../src/core/model/tree/column-binning'
import type { ForestInputs } from '../src/core/model/tree/forest-inputs'
import type { TreeQueue } from '../src/core/model/tree/forest-threads'
import { forestPartBuffers, growQueuedTrees } from '../src/core/model/tree/random-forest'
import type { Matrix } from '../src/core/types'

export type ForestRequest = { id: number; inputs: ForestInputs; queue: TreeQueue } | { id: number; X: Matrix; queue: Int32Array; block: number; out: Uint8Array; options: BinningOptions }

self.onmessage = (event: MessageEvent<ForestRequest>) => {
  const request = event.data
  const { id } = request
  try {
    if ('X' in request) {
      const bins = binClaimedColumns(request.X, request.queue, request.block, request.out, request.options)
      self.postMessage({ id, bins }, { transfer: claimedColumnsBuffers(bins) as ArrayBuffer[] })
      return
    }
    const part = growQueuedTrees(request.inputs, request.queue)
    self.postMessage({ id, part }, { transfer: forestPartBuffers(part) as ArrayBuffer[] })
  } catch (error) {
    self.postMessage({ id, error: { code: error instanceof StudioError ? error.code : 'forest-thread-failed', message: error instanceof Error ? error.message : String(error) } })
  }
}
