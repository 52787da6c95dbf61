import { describe, expect, it } from 'vitest'
import { RandomForest } from '../../../../src/core/model/tree/random-forest'
import { createRandom } from '../../../../src/core/random'
import type { Matrix } from '../../../../src/core/types'
import { nodeForestThreads } from '../../../../src/node/threads/forest-threads'

function table(n: number, p: number, seed: number, classes: number): { X: Matrix; y: Float64Array } {
  const random = createRandom(seed)
  const data = new Float64Array(n * p)
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let j = 0; j < p; j++) {
      const v = j % 4 === 0 ? random.int(3) : random.normal()
      data[i * p + j] = random.next() < 0.03 ? Number.NaN : v
      s += (j % 2 === 0 ? 1 : -0.5) * (Number.isNaN(data[i * p + j]) ? 0 : v)
    }
    y[i] = classes === 0 ? s + random.normal() : Math.min(classes - 1, Math.max(0, Math.floor((s + random.normal()) / 2 + classes / 2)))
  }
  return { X: { rows: n, cols: p, data }, y }
}

describe('a random forest on Node helper threads', () => {
  it.each([
    ['binary, out-of-bag score', 2, 2, { nTrees: 9, oobScore: true }],
    ['multiclass on 3 threads', 3, 3, { nTrees: 7, maxDepth: 8 }],
    ['regression, at least 3 rows a leaf', 0, 2, { nTrees: 6, minSamplesLeaf: 3 }],
  ] as const)('is the forest one thread grows, bit for bit (%s)', async (_, classes, threads, params) => {
    const { X, y } = table(3000, 8, 17, classes)
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
