import { describe, expect, it } from 'vitest'
import { RandomForest } from '../../../../src/core/model/tree/random-forest'
import { nodeForestThreads } from '../../../../src/node/threads/forest-threads'
import { syntheticTable } from '../../core/model/tree/synthetic-table'


describe('a random forest on Node helper threads', () => {
  it.each([
    ['binary, out-of-bag score', 2, 2, { nTrees: 9, oobScore: true }],
    ['multiclass on 3 threads', 3, 3, { nTrees: 7, maxDepth: 8 }],
    ['regression, at least 3 rows a leaf', 0, 2, { nTrees: 6, minSamplesLeaf: 3 }],
  ] as const)('is the forest one thread grows, bit for bit (%s)', async (_, classes, threads, params) => {
    const { X, y } = syntheticTable(3000, 8, 17, classes)
    const task = classes === 0 ? 'regression' : classes === 2 ? 'binary' : 'multiclass'
    const single = new RandomForest({ ...params, seed: 5 })
    const singleReport = single.fit(X, y, { task, forestThreads: null })
    const progress: number[] = []
    const threaded = new RandomForest({ ...params, seed: 5 })
    const threadedReport = await threaded.fitAsync(X, y, { task, forestThreads: nodeForestThreads(threads), onProgress: (p) => progress.push(p.done) })
    expect(JSON.stringify(threaded.toJSON())).toBe(JSON.stringify(single.toJSON()))
    expect(threadedReport).toEqual(singleReport)
    // Progress rises to the tree count and ends there.
    expect(progress.at(-1)).toBe(params.nTrees)
    expect([...progress].sort((a, b) => a - b)).toEqual(progress)
  }, 120_000)
})
