/**
 * A Node helper thread of random forest fits: bins blocks of columns
 * claimed from the fit's shared counter (core's binClaimedColumns) or grows
 * trees, claiming them from the fit's shared queue (core's growQueuedTrees),
 * and posts the result back, its arrays transferred.
 */
import { parentPort } from 'node:worker_threads'
import { StudioError } from '../../core/errors'
import type { BinningOptions } from '../../core/model/tree/binning'
import { binClaimedColumns, claimedColumnsBuffers } from '../../core/model/tree/column-binning'
import type { ForestInputs } from '../../core/model/tree/forest-inputs'
import type { TreeQueue } from '../../core/model/tree/forest-threads'
import { forestPartBuffers, growQueuedTrees } from '../../core/model/tree/random-forest'
import type { Matrix } from '../../core/types'

export type ForestRequest = { id: number; inputs: ForestInputs; queue: TreeQueue } | { id: number; X: Matrix; queue: Int32Array; block: number; out: Uint8Array; options: BinningOptions }

parentPort?.on('message', (request: ForestRequest) => {
  const { id } = request
  try {
    if ('X' in request) {
      const bins = binClaimedColumns(request.X, request.queue, request.block, request.out, request.options)
      parentPort?.postMessage({ id, bins }, claimedColumnsBuffers(bins) as ArrayBuffer[])
      return
    }
    const part = growQueuedTrees(request.inputs, request.queue)
    parentPort?.postMessage({ id, part }, forestPartBuffers(part) as ArrayBuffer[])
  } catch (error) {
    parentPort?.postMessage({ id, error: { code: error instanceof StudioError ? error.code : 'forest-thread-failed', message: error instanceof Error ? error.message : String(error) } })
  }
})
// Loaded and listening: the pool waits for this before the first fit counts on the thread.
parentPort?.postMessage('ready')
