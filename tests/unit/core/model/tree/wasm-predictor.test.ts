import { describe, expect, it } from 'vitest'
import { predictChunkRows, wasmPredictor } from '../../../../../src/core/model/tree/kernel/wasm-predictor'
import { nextUp, predictLayout } from '../../../../../src/core/model/tree/predict-layout'
import { KERNEL_LARGE_BLOCK_ROWS, PREDICT_BLOCK_ROWS, TreeEnsemble, type TreeEnsembleArrays } from '../../../../../src/core/model/tree/predictor'
import { createRandom } from '../../../../../src/core/random'
import type { Matrix } from '../../../../../src/core/types'
import { ensembleArrays, nodeLists } from './ensemble-lists'

/** Values rows and thresholds share, so rows land exactly on thresholds and just beside them. */
const POOL = [-Infinity, -1e308, -2.5, -Number.MIN_VALUE, -0, 0, Number.MIN_VALUE, 0.1, 1 / 3, nextUp(1 / 3), 1, 2.5, Number.MAX_VALUE, Infinity]

/**
 * Random trees up to depth 7 (some leaves early), children stored left-right
 * or right-left at random, missing values left or right at random, leaf
 * values with many significant bits (so a change in addition order shows).
 */
function randomTrees(seed: number, trees: number, features: number, outputs: number, leafWidth: number): TreeEnsembleArrays {
  const random = createRandom(seed)
  const next = (): number => random.next()
  const lists = nodeLists()
  const { feature, threshold, defaultLeft, left, right, value, roots } = lists
  const treeOutput: number[] = []
  const node = (): number => {
    feature.push(-1)
    threshold.push(0)
    defaultLeft.push(0)
    left.push(0)
    right.push(0)
    for (let c = 0; c < leafWidth; c++) value.push(0)
    return feature.length - 1
  }
  const grow = (at: number, depth: number): void => {
    if (depth >= 7 || (depth > 0 && next() < 0.15)) {
      for (let c = 0; c < leafWidth; c++) value[at * leafWidth + c] = (next() - 0.5) * 1.2345678901234567
      return
    }
    feature[at] = Math.floor(next() * features)
    threshold[at] = next() < 0.7 ? POOL[Math.floor(next() * POOL.length)] : (next() - 0.5) * 6
    defaultLeft[at] = next() < 0.5 ? 1 : 0
    const a = node()
    const b = node()
    const swap = next() < 0.3
    left[at] = swap ? b : a
    right[at] = swap ? a : b
    grow(left[at], depth + 1)
    grow(right[at], depth + 1)
  }
  for (let t = 0; t < trees; t++) {
    roots.push(node())
    treeOutput.push(leafWidth === outputs ? 0 : Math.floor(next() * (outputs - leafWidth + 1)))
    grow(roots[t], 0)
  }
  return ensembleArrays(lists, { outputs, leafWidth, scale: 0.75, baseScore: Float64Array.from({ length: outputs }, (_, c) => c - 0.3), treeOutput })
}

/** Rows with pool values (ties with thresholds), NaN (~10%) and arbitrary numbers. */
function randomRows(seed: number, rows: number, cols: number): Matrix {
  const random = createRandom(seed)
  const next = (): number => random.next()
  const data = Float64Array.from({ length: rows * cols }, () => {
    const u = next()
    return u < 0.1 ? NaN : u < 0.5 ? POOL[Math.floor(next() * POOL.length)] : (next() - 0.5) * 6
  })
  return { rows, cols, data }
}

/** The plain reference: each row alone, down each stored tree with branches, trees added in order. */
function referenceWalk(a: TreeEnsembleArrays, X: Matrix): Float64Array {
  const { outputs: D, leafWidth: W } = a
  const out = new Float64Array(X.rows * D)
  for (let i = 0; i < X.rows; i++) {
    const sum = new Float64Array(D)
    for (let t = 0; t < a.roots.length; t++) {
      let node = a.roots[t]
      while (a.feature[node] >= 0) {
        const x = X.data[i * X.cols + a.feature[node]]
        const goLeft = x <= a.threshold[node] || (Number.isNaN(x) && a.defaultLeft[node] === 1)
        node = goLeft ? a.left[node] : a.right[node]
      }
      for (let c = 0; c < W; c++) sum[a.treeOutput[t] + c] += a.value[node * W + c]
    }
    for (let c = 0; c < D; c++) out[i * D + c] = a.baseScore[c] + a.scale * sum[c]
  }
  return out
}

/** The kernel over `a` for p columns, run on X (failing the test where it does not apply or cannot run). */
function kernel(a: TreeEnsembleArrays, p: number, blockRows = PREDICT_BLOCK_ROWS): (X: Matrix) => Float64Array {
  const predict = wasmPredictor(a, p, blockRows)
  if (!predict) throw new Error('the kernel does not apply')
  return (X) => {
    const out = predict(X)
    if (!out) throw new Error('the kernel could not run')
    return out
  }
}

/** Index of the first value that differs bit for bit (NaN equal to NaN, −0 unequal to 0), or −1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return 0
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i
  return -1
}

describe('WebAssembly prediction kernel', () => {
  const shapes = [
    { name: 'one output', trees: 40, outputs: 1, leafWidth: 1 },
    { name: 'three output columns, one per tree', trees: 30, outputs: 3, leafWidth: 1 },
    { name: 'leaves three values wide', trees: 20, outputs: 3, leafWidth: 3 },
  ]
  for (const shape of shapes) {
    it(`gives the bits of a per-row walk and of the TypeScript walk (${shape.name}), across block edges`, () => {
      const cols = 5
      const a = randomTrees(11 + shape.trees, shape.trees, cols, shape.outputs, shape.leafWidth)
      const predict = kernel(a, cols)
      const ensemble = new TreeEnsemble(a)
      for (const rows of [0, 1, 7, 8, 9, PREDICT_BLOCK_ROWS - 1, PREDICT_BLOCK_ROWS, PREDICT_BLOCK_ROWS + 1, 3 * PREDICT_BLOCK_ROWS + 13]) {
        const X = randomRows(rows + 1, rows, cols)
        const expected = referenceWalk(a, X)
        expect(firstDifference(predict(X), expected), `${rows} rows`).toBe(-1)
        expect(firstDifference(ensemble.predictRaw(X), expected), `${rows} rows`).toBe(-1)
        expect(firstDifference(ensemble.predictRawWalk(X), expected), `${rows} rows`).toBe(-1)
      }
    })
  }

  it('gives the same bits across the edge of a chunk of rows copied in', () => {
    const cols = 3
    const a = randomTrees(5, 8, cols, 1, 1)
    const chunk = predictChunkRows(cols, PREDICT_BLOCK_ROWS)
    expect(chunk % PREDICT_BLOCK_ROWS).toBe(0)
    const X = randomRows(9, chunk + 77, cols)
    const ensemble = new TreeEnsemble(a)
    expect(firstDifference(ensemble.predictRaw(X), referenceWalk(a, X))).toBe(-1)
    // The same ensemble on a matrix of another width builds a kernel for that width.
    const wider = randomRows(10, 100, cols + 2)
    expect(firstDifference(ensemble.predictRaw(wider), referenceWalk(a, wider))).toBe(-1)
  })

  it('gives the same bits in the blocks of rows large ensembles walk in', () => {
    const cols = 4
    const a = randomTrees(21, 6, cols, 2, 1)
    const predict = kernel(a, cols, KERNEL_LARGE_BLOCK_ROWS)
    const X = randomRows(22, 2 * KERNEL_LARGE_BLOCK_ROWS + 13, cols)
    expect(firstDifference(predict(X), referenceWalk(a, X))).toBe(-1)
  })

  it('gives each ensemble its own answers when several take turns in the one kernel memory', () => {
    const cols = 4
    const small = randomTrees(31, 5, cols, 1, 1)
    const other = randomTrees(32, 12, cols, 3, 1)
    const X = randomRows(33, 150, cols)
    const first = kernel(small, cols)
    const second = kernel(other, cols)
    for (let turn = 0; turn < 3; turn++) {
      expect(firstDifference(first(X), referenceWalk(small, X))).toBe(-1)
      expect(firstDifference(second(X), referenceWalk(other, X))).toBe(-1)
    }
  })

  it('sends only missing values right at an infinite threshold whose missing values go right', () => {
    const a = randomTrees(1, 1, 1, 1, 1)
    const stump: TreeEnsembleArrays = { ...a, roots: Int32Array.of(0), treeOutput: Int32Array.of(0), feature: Int32Array.of(0, -1, -1), threshold: Float64Array.of(Infinity, 0, 0), defaultLeft: Uint8Array.of(0, 0, 0), left: Int32Array.of(1, 0, 0), right: Int32Array.of(2, 0, 0), value: Float64Array.of(0, 1, 2) }
    const X: Matrix = { rows: 4, cols: 1, data: Float64Array.of(Infinity, -Infinity, NaN, 5) }
    const predict = kernel(stump, 1)
    expect(Array.from(predict(X))).toEqual(Array.from(referenceWalk(stump, X)))
    expect(Array.from(predict(X))).toEqual([0.75 - 0.3, 0.75 - 0.3, 1.5 - 0.3, 0.75 - 0.3])
  })

  it('leaves arrays that are not trees (a node with two parents) to the TypeScript walk', () => {
    // Node 1 is both children of node 0.
    const shared: TreeEnsembleArrays = { outputs: 1, leafWidth: 1, scale: 1, baseScore: Float64Array.of(0), roots: Int32Array.of(0), treeOutput: Int32Array.of(0), feature: Int32Array.of(0, -1), threshold: Float64Array.of(0, 0), defaultLeft: Uint8Array.of(1, 0), left: Int32Array.of(1, 0), right: Int32Array.of(1, 0), value: Float64Array.of(0, 4) }
    expect(predictLayout(shared)).toBeNull()
    expect(wasmPredictor(shared, 1, PREDICT_BLOCK_ROWS)).toBeNull()
    expect(Array.from(new TreeEnsemble(shared).predictRaw({ rows: 2, cols: 1, data: Float64Array.of(-1, NaN) }))).toEqual([4, 4])
  })

  it('leaves trees that name a feature past the matrix to the TypeScript walk', () => {
    const a = randomTrees(3, 4, 6, 1, 1)
    expect(wasmPredictor(a, 2, PREDICT_BLOCK_ROWS)).toBeNull()
  })
})

describe('nextUp', () => {
  it('is the next double above h, so x ≤ h ⇔ x < nextUp(h) for every x that is not NaN', () => {
    expect(nextUp(0)).toBe(Number.MIN_VALUE)
    expect(nextUp(-0)).toBe(Number.MIN_VALUE)
    expect(Object.is(nextUp(-Number.MIN_VALUE), -0)).toBe(true)
    expect(nextUp(1)).toBe(1 + Number.EPSILON)
    expect(nextUp(-1)).toBe(-1 + Number.EPSILON / 2)
    expect(nextUp(Number.MAX_VALUE)).toBe(Infinity)
    expect(nextUp(-Infinity)).toBe(-Number.MAX_VALUE)
    expect(nextUp(2 ** -1022 - Number.MIN_VALUE)).toBe(2 ** -1022)
    for (const h of POOL.filter((v) => v < Infinity)) for (const x of POOL) expect(x < nextUp(h), `${x} vs ${h}`).toBe(x <= h)
  })
})
