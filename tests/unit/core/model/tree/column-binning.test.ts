import { describe, expect, it } from 'vitest'
import { binMatrix, findBinEdges } from '../../../../../src/core/model/tree/binning'
import { binClaimedColumns, binColumns, claimedColumnsBuffers, joinClaimedColumns } from '../../../../../src/core/model/tree/column-binning'
import { binForest, type ForestThreads } from '../../../../../src/core/model/tree/forest-threads'
import { syntheticTable } from './synthetic-table'

const same = (a: { bins: Uint8Array; nBins: Int32Array; edges: Float64Array[] }, b: { bins: Uint8Array; nBins: Int32Array; edges: Float64Array[] }) => {
  expect(Array.from(a.nBins)).toEqual(Array.from(b.nBins))
  expect(a.edges.map((e) => Array.from(e))).toEqual(b.edges.map((e) => Array.from(e)))
  expect(Buffer.from(a.bins).equals(Buffer.from(b.bins))).toBe(true)
}

describe('binning by blocks of columns', () => {
  it.each([
    ['every row sorted for edges', {}],
    ['a seeded sample of rows for edges', { sampleRows: 300 }],
    ['few bins', { maxBins: 7 }],
  ] as const)('gives the codes and edges of binning the whole matrix, however the blocks are claimed (%s)', (_, extra) => {
    // Small-integer and continuous columns (more distinct values than bins), 3% missing.
    const { X } = syntheticTable(1200, 9, 21, 2)
    const options = { maxBins: 255, seed: 4, ...extra }
    const whole = binMatrix(X, findBinEdges(X, options))
    // One thread claiming every block.
    const alone = new Uint8Array(X.rows * X.cols)
    const all = binClaimedColumns(X, new Int32Array(1), 4, alone, options)
    expect(Array.from(all.columns)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
    same(joinClaimedColumns(X.rows, X.cols, alone, [all]), whole)
    // Two: another thread took block 0 (columns 0–3) first, this one claims the rest.
    const out = new Uint8Array(X.rows * X.cols)
    const a = binColumns(X, 0, 4, options)
    out.set(a.bins, 0)
    const queue = Int32Array.of(1)
    const rest = binClaimedColumns(X, queue, 4, out, options)
    expect(Array.from(rest.columns)).toEqual([4, 5, 6, 7, 8])
    expect(queue[0]).toBe(4)
    same(joinClaimedColumns(X.rows, X.cols, out, [rest, { columns: Int32Array.of(0, 1, 2, 3), edges: a.edges, nBins: a.nBins }]), whole)
  })

  it('refuses column ranges outside the matrix, codes of the wrong size and columns binned twice or not at all', () => {
    const { X } = syntheticTable(50, 3, 1, 2)
    const options = { maxBins: 255, seed: 0 }
    expect(() => binColumns(X, 2, 4, options)).toThrow(/column range 2…4 is not within 0…3/)
    expect(() => binColumns(X, 1, 1, options)).toThrow(/column range 1…1/)
    expect(() => binClaimedColumns(X, new Int32Array(1), 2, new Uint8Array(10), options)).toThrow(/holds 10 codes; 50 rows × 3 columns need 150/)
    const out = new Uint8Array(150)
    const all = binClaimedColumns(X, new Int32Array(1), 2, out, options)
    expect(() => joinClaimedColumns(50, 3, out, [all, all])).toThrow(/column 0 was binned twice/)
    expect(() => joinClaimedColumns(50, 4, out, [all])).toThrow(/column 3 of 0…3 was not binned/)
    expect(claimedColumnsBuffers(all).length).toBe(new Set(claimedColumnsBuffers(all)).size)
  })

  it('binForest shares the blocks among the threads and gives the whole-matrix binning; large matrices stay on this thread', async () => {
    const { X } = syntheticTable(500, 20, 3, 2)
    const options = { maxBins: 255, seed: 2 }
    let helped: number[] = []
    const threads: ForestThreads = {
      threads: 2,
      allocate: (bytes) => new SharedArrayBuffer(bytes),
      grow: () => Promise.reject(new Error('not used')),
      bin: async (part, queue, block, out, o) => {
        expect(part.data.buffer).toBeInstanceOf(SharedArrayBuffer)
        expect(out.buffer).toBeInstanceOf(SharedArrayBuffer)
        // A helper that claims a block now, before this thread starts: its columns come first.
        const claimed = binClaimedColumns(part, queue.subarray(0, 1), block, out, o)
        helped = Array.from(claimed.columns)
        return claimed
      },
    }
    const binned = await binForest(X, options, threads)
    expect(helped.length).toBe(20)
    same(binned!, binMatrix(X, findBinEdges(X, options)))
    expect(await binForest(X, options, { ...threads, bin: undefined })).toBeNull()
    expect(await binForest({ rows: 5_000_000, cols: 20, data: new Float64Array(0) }, options, threads)).toBeNull()
    expect(await binForest({ rows: 10, cols: 6, data: new Float64Array(60) }, options, threads)).toBeNull()
  })
})
