import { describe, expect, it } from 'vitest'
import { binMatrix, findBinEdges } from '../../../../../src/core/model/tree/binning'
import { TreeGrower, type GrownTree } from '../../../../../src/core/model/tree/grower'
import { histogramLayout } from '../../../../../src/core/model/tree/histogram'
import type { BinnedMatrix } from '../../../../../src/core/model/tree/types'
import type { GrowParams } from '../../../../../src/core/model/tree/types'
import { createRandom } from '../../../../../src/core/random'

const PARAMS: GrowParams = { maxDepth: Infinity, maxLeaves: Infinity, minSamplesLeaf: 1, minChildWeight: 0, lambda: 0, alpha: 0, minGain: 0 }

/** y = 3·[x0 > 0] + [x1 > 0.5] + noise, with a useless third feature and some missing x1. */
function dataset(n: number, seed: number) {
  const random = createRandom(seed)
  const X = { rows: n, cols: 3, data: new Float64Array(n * 3) }
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const x0 = random.normal()
    const x1 = random.next()
    X.data[i * 3] = x0
    X.data[i * 3 + 1] = random.next() < 0.05 ? NaN : x1
    X.data[i * 3 + 2] = random.normal()
    y[i] = 3 * (x0 > 0 ? 1 : 0) + (x1 > 0.5 ? 1 : 0) + 0.1 * random.normal()
  }
  const data = binMatrix(X, findBinEdges(X, { maxBins: 255, seed: 0 }))
  // Squared error around 0: g = -y, h = 1, so leaf values are leaf means of y.
  const g = y.map((v) => -v)
  const h = new Float64Array(n).fill(1)
  return { X, y, data, g, h }
}

const all = Int32Array.of(0, 1, 2)

/** The leaf a row reaches walking its bin codes. */
function leafByBins(tree: GrownTree, data: BinnedMatrix, row: number): number {
  let node = 0
  while (tree.feature[node] >= 0) {
    const f = tree.feature[node]
    const b = data.bins[f * data.rows + row]
    const left = b === data.nBins[f] ? tree.defaultLeft[node] === 1 : b <= tree.bin[node]
    node = left ? tree.left[node] : tree.right[node]
  }
  return node
}

/** The leaf a row reaches walking its raw values against the thresholds, as the predictor does. */
function leafByValues(tree: GrownTree, X: { cols: number; data: Float64Array }, row: number): number {
  let node = 0
  while (tree.feature[node] >= 0) {
    const x = X.data[row * X.cols + tree.feature[node]]
    const left = x !== x ? tree.defaultLeft[node] === 1 : x <= tree.threshold[node]
    node = left ? tree.left[node] : tree.right[node]
  }
  return node
}

function leaves(tree: GrownTree): number[] {
  return Array.from({ length: tree.nodeCount }, (_, i) => i).filter((i) => tree.feature[i] < 0)
}

describe('tree grower', () => {
  it('finds the planted structure: root on x0 at 0, then x1 at 0.5', () => {
    const { data, g, h } = dataset(2000, 1)
    const tree = new TreeGrower(data, 1, { ...PARAMS, maxDepth: 2 }).grow(g, h, null, all)
    expect(tree.nodeCount).toBe(7)
    expect(tree.feature[0]).toBe(0)
    expect(tree.threshold[0]).toBeCloseTo(0, 1)
    expect(tree.feature[tree.left[0]]).toBe(1)
    expect(tree.feature[tree.right[0]]).toBe(1)
    expect(tree.threshold[tree.left[0]]).toBeCloseTo(0.5, 1)
  })

  it('leaf values are the means of their rows, and leaves partition the rows', () => {
    const { data, g, h, y } = dataset(1000, 2)
    const tree = new TreeGrower(data, 1, { ...PARAMS, maxDepth: 3 }).grow(g, h, null, all)
    const seen = new Set<number>()
    for (const leaf of leaves(tree)) {
      let sum = 0
      for (let k = tree.rowStart[leaf]; k < tree.rowEnd[leaf]; k++) {
        sum += y[tree.rows[k]]
        seen.add(tree.rows[k])
        expect(leafByBins(tree, data, tree.rows[k])).toBe(leaf)
      }
      expect(tree.value[leaf]).toBeCloseTo(sum / (tree.rowEnd[leaf] - tree.rowStart[leaf]), 10)
    }
    expect(seen.size).toBe(1000)
  })

  it('raw thresholds send every training row to the same leaf as its bins', () => {
    const { X, data, g, h } = dataset(1500, 3)
    const tree = new TreeGrower(data, 1, { ...PARAMS, maxDepth: 6 }).grow(g, h, null, all)
    let disagreements = 0
    for (let i = 0; i < X.rows; i++) if (leafByValues(tree, X, i) !== leafByBins(tree, data, i)) disagreements++
    expect(disagreements).toBe(0)
  })

  it('depth-wise growth stops at maxDepth; leaf-wise growth at maxLeaves, best gain first', () => {
    const { data, g, h } = dataset(2000, 4)
    const deep = new TreeGrower(data, 1, { ...PARAMS, maxDepth: 3 }).grow(g, h, null, all)
    expect(leaves(deep).length).toBe(8)
    const grower = new TreeGrower(data, 1, { ...PARAMS, maxLeaves: 3 })
    const leafWise = grower.grow(g, h, null, all)
    expect(leaves(leafWise).length).toBe(3)
    // The root splits on x0; the second split goes to the child with the larger gain.
    const [l, r] = [leafWise.left[0], leafWise.right[0]]
    const splitChild = leafWise.feature[l] >= 0 ? l : r
    const stump = new TreeGrower(data, 1, { ...PARAMS, maxDepth: 2 }).grow(g, h, null, all)
    const gains = [stump.gain[stump.left[0]], stump.gain[stump.right[0]]]
    expect(splitChild === l ? gains[0] >= gains[1] : gains[1] >= gains[0]).toBe(true)
  })

  it('grows the same tree when the histogram budget forbids subtraction', () => {
    const { data, g, h } = dataset(3000, 11)
    for (const params of [{ ...PARAMS, maxDepth: 6 }, { ...PARAMS, maxLeaves: 40 }]) {
      const roomy = new TreeGrower(data, 1, params).grow(g, h, null, all)
      // No histogram kept at all; and room for three, so that kept histograms, the kernel's slots and ordinary arrays mix.
      for (const budget of [0, 3 * 8 * histogramLayout(data.nBins, 1, false).size]) {
        const tight = new TreeGrower(data, 1, params, budget).grow(g, h, null, all)
        expect(tight.nodeCount).toBe(roomy.nodeCount)
        expect(Array.from(tight.feature.subarray(0, tight.nodeCount))).toEqual(Array.from(roomy.feature.subarray(0, roomy.nodeCount)))
        expect(Array.from(tight.bin.subarray(0, tight.nodeCount))).toEqual(Array.from(roomy.bin.subarray(0, roomy.nodeCount)))
        for (let i = 0; i < roomy.nodeCount; i++) expect(tight.value[i]).toBeCloseTo(roomy.value[i], 9)
      }
    }
  })

  it('grows only on the sampled rows and only on the allowed features', () => {
    const { data, g, h } = dataset(1000, 5)
    const sample = Uint32Array.from({ length: 500 }, (_, i) => 2 * i)
    const tree = new TreeGrower(data, 1, { ...PARAMS, maxDepth: 4 }).grow(g, h, sample, Int32Array.of(1, 2))
    for (let i = 0; i < tree.nodeCount; i++) expect(tree.feature[i]).not.toBe(0)
    const rows = new Set<number>()
    for (const leaf of leaves(tree)) for (let k = tree.rowStart[leaf]; k < tree.rowEnd[leaf]; k++) rows.add(tree.rows[k])
    expect([...rows].sort((a, b) => a - b)).toEqual(Array.from(sample))
  })

  it('stops at minGain, min rows and min hessian', () => {
    const { data, g, h } = dataset(500, 6)
    expect(new TreeGrower(data, 1, { ...PARAMS, minGain: 1e9 }).grow(g, h, null, all).nodeCount).toBe(1)
    const tree = new TreeGrower(data, 1, { ...PARAMS, minSamplesLeaf: 60 }).grow(g, h, null, all)
    for (const leaf of leaves(tree)) expect(tree.rowEnd[leaf] - tree.rowStart[leaf]).toBeGreaterThanOrEqual(60)
    const heavy = new TreeGrower(data, 1, { ...PARAMS, minChildWeight: 100 }).grow(g, h, null, all)
    for (const leaf of leaves(heavy)) expect(heavy.rowEnd[leaf] - heavy.rowStart[leaf]).toBeGreaterThanOrEqual(100)
  })

  it('does not split pure nodes', () => {
    const X = { rows: 6, cols: 1, data: Float64Array.of(1, 2, 3, 4, 5, 6) }
    const data = binMatrix(X, findBinEdges(X, { maxBins: 255, seed: 0 }))
    const g = Float64Array.of(-1, -1, -1, 1, 1, 1).map((v) => v * 0.3)
    const tree = new TreeGrower(data, 1, PARAMS).grow(g, new Float64Array(6).fill(1), null, Int32Array.of(0))
    expect(tree.nodeCount).toBe(3)
  })

  it('passenger rows ride down the splits to the leaves a walk would reach, without shaping the tree', () => {
    const { data, g, h } = dataset(2000, 9)
    const sample = Uint32Array.from({ length: 1000 }, (_, i) => i)
    const riders = Uint32Array.from({ length: 1000 }, (_, i) => 1000 + i)
    const grower = new TreeGrower(data, 1, { ...PARAMS, maxDepth: 8 })
    const alone = grower.grow(g, h, sample, all)
    const aloneFeatures = Array.from(alone.feature.subarray(0, alone.nodeCount))
    const tree = grower.grow(g, h, sample, all, riders)
    expect(Array.from(tree.feature.subarray(0, tree.nodeCount))).toEqual(aloneFeatures)
    const reached = new Int32Array(2000).fill(-1)
    for (const leaf of leaves(tree)) for (let k = tree.passengerStart[leaf]; k < tree.passengerEnd[leaf]; k++) reached[tree.passengers[k]] = leaf
    let wrong = 0
    for (let i = 1000; i < 2000; i++) if (reached[i] !== leafByBins(tree, data, i)) wrong++
    expect(wrong).toBe(0)
  })

  it('fits several outputs sharing one hessian (one-hot classes)', () => {
    const { data, y } = dataset(600, 10)
    const classes = Float64Array.from(y, (v) => Math.max(0, Math.min(2, Math.floor(v / 1.5))))
    const g = new Float64Array(600 * 3)
    for (let i = 0; i < 600; i++) for (let c = 0; c < 3; c++) g[i * 3 + c] = -(classes[i] === c ? 1 : 0)
    const tree = new TreeGrower(data, 3, { ...PARAMS, maxDepth: 3 }).grow(g, new Float64Array(600).fill(1), null, all)
    for (const leaf of leaves(tree)) {
      const shares = Array.from(tree.value.subarray(leaf * 3, leaf * 3 + 3))
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    }
  })
})
