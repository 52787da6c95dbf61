import { describe, expect, it } from 'vitest'
import { DecisionTree } from '../../../../../../src/core/model/tree/decision-tree'
import { GradientBoosting } from '../../../../../../src/core/model/tree/gradient-boosting'
import { binMatrix, findBinEdges } from '../../../../../../src/core/model/tree/binning'
import { TreeGrower } from '../../../../../../src/core/model/tree/grower'
import { buildHistogram, histogramLayout } from '../../../../../../src/core/model/tree/histogram'
import { wasmKernel } from '../../../../../../src/core/model/tree/kernel/wasm-kernel'
import { typescriptKernel } from '../../../../../../src/core/model/tree/kernel/workspace'
import type { BinnedMatrix } from '../../../../../../src/core/model/tree/types'
import { createRandom } from '../../../../../../src/core/random'
import type { Matrix } from '../../../../../../src/core/types'
import { bundleFeatures } from '../../../../../../src/core/model/tree/feature-bundles'
import { oneHotTable, syntheticTable } from '../synthetic-table'

/** n × p codes, feature j with 1…250 value bins (its missing bin = nBins[j]) and some rows missing. */
function randomBinned(n: number, p: number, seed: number): BinnedMatrix {
  const random = createRandom(seed)
  const nBins = Int32Array.from({ length: p }, (_, j) => (j % 3 === 0 ? 1 + random.int(3) : 2 + random.int(249)))
  const bins = new Uint8Array(n * p)
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) bins[j * n + i] = random.next() < 0.05 ? nBins[j] : random.int(nBins[j])
  return { rows: n, cols: p, bins, nBins, edges: Array.from(nBins, (b) => new Float64Array(Math.max(0, b - 1))) }
}

/** The same bytes: every double equal bit for bit (NaN and -0 included), not only numerically. */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
}


const kernel = wasmKernel()
/** Row-major codes at any size, for every node but the root: the path large tables take at deep nodes. */
const rowMajorKernel = wasmKernel(null, { rowMajorFromBytes: 0, sparseShare: 1 })
// Depth-wise trees a level at a time, renumbered into depth-first order (grower.ts growLevels).
const levelKernel = wasmKernel(null, { levels: true })
const levelRowMajorKernel = wasmKernel(null, { rowMajorFromBytes: 0, sparseShare: 1, levels: true })

/** Gradient boosting's model and report with every WebAssembly kernel above: the reference loop's, bit for bit. */
function expectReferenceBoosting(X: Matrix, y: Float64Array, classes: number, params: Record<string, unknown>): void {
  const task = classes === 0 ? 'regression' : classes === 2 ? 'binary' : 'multiclass'
  const fit = (histogramKernel: typeof typescriptKernel) => {
    const model = new GradientBoosting(params)
    const report = model.fit(X, y, { task, histogramKernel })
    return JSON.stringify({ model: model.toJSON(), report })
  }
  const reference = fit(typescriptKernel)
  for (const wasm of [kernel, rowMajorKernel, levelKernel, levelRowMajorKernel]) expect(fit(wasm!)).toBe(reference)
}

describe('the WebAssembly histogram kernel', () => {
  it('runs here (Node 20 has WebAssembly SIMD)', () => {
    expect(kernel?.name).toBe('wasm-simd')
  })

  it('builds the reference histogram bit for bit: root and scattered rows, feature subsets, 1 to 7 features per call', () => {
    const data = randomBinned(3000, 13, 7)
    const layout = histogramLayout(data.nBins, 1)
    const random = createRandom(11)
    const ws = kernel!.workspace(data, layout, 1, 2)
    const hist = ws.acquire()
    const reference = new Float64Array(layout.size)
    for (let trial = 0; trial < 40; trial++) {
      const contiguous = trial % 5 === 0
      const m = contiguous ? data.rows : 1 + random.int(data.rows)
      const start = contiguous ? 0 : random.int(data.rows - m + 1)
      for (let k = 0; k < data.rows; k++) ws.rows[k] = contiguous ? k : random.int(data.rows)
      for (let k = start; k < start + m; k++) {
        ws.gOrdered[k] = random.normal() * 10 ** random.int(6)
        ws.hOrdered[k] = random.next()
      }
      const features = Int32Array.from({ length: data.cols }, (_, j) => j).sort(() => random.next() - 0.5)
      const from = random.int(4)
      const to = Math.min(data.cols, from + 1 + random.int(7))
      hist.fill(Number.NaN)
      reference.fill(Number.NaN)
      // Ordered gradients are aligned with the rows: the reference reads them from index start on.
      ws.build(hist, start, start + m, features, from, to, contiguous)
      buildHistogram(reference, layout, data, ws.rows, start, start + m, features, from, to, ws.gOrdered.subarray(start), ws.hOrdered.subarray(start), contiguous)
      expect(sameBits(hist, reference), `trial ${trial}`).toBe(true)
    }
  })

  it.each([
    ['13 features (rows of one 16-byte word), with row counts', 13, true],
    ['37 features (rows of three words), without row counts', 37, false],
  ] as const)('builds the reference histogram bit for bit from row-major codes: %s', (_, p, counted) => {
    const data = randomBinned(5000, p, p)
    const layout = histogramLayout(data.nBins, 1, counted)
    const random = createRandom(p + 1)
    // Nodes of at most 1/32 of the rows use the row-major codes unless a kernel is told otherwise.
    const defaults = wasmKernel(null, { rowMajorFromBytes: 0 })!.workspace(data, layout, 1, 1)
    const forced = rowMajorKernel!.workspace(data, layout, 1, 1)
    const reference = new Float64Array(layout.size)
    for (let trial = 0; trial < 30; trial++) {
      // Below, at and above one block of 64 rows, and past several blocks.
      const m = [1, 63, 64, 65, 150, 1 + random.int(5000)][trial % 6]
      const start = random.int(data.rows - m + 1)
      const features = Int32Array.from({ length: p }, (_, j) => j).sort(() => random.next() - 0.5)
      const from = random.int(4)
      const to = Math.min(p, from + 1 + random.int(p))
      for (const ws of [defaults, forced]) {
        for (let k = 0; k < data.rows; k++) ws.rows[k] = random.int(data.rows)
        for (let k = start; k < start + m; k++) {
          ws.gOrdered[k] = random.normal() * 10 ** random.int(6)
          ws.hOrdered[k] = random.next()
        }
        const hist = ws.acquire()
        hist.fill(Number.NaN)
        reference.fill(Number.NaN)
        ws.build(hist, start, start + m, features, from, to, false)
        buildHistogram(reference, layout, data, ws.rows, start, start + m, features, from, to, ws.gOrdered.subarray(start), ws.hOrdered.subarray(start), false)
        expect(sameBits(hist, reference), `trial ${trial}, m ${m}`).toBe(true)
        ws.release(hist)
      }
    }
  })

  it('partitions rows and their ordered gradients as the reference does, stable and aligned', () => {
    const data = randomBinned(2000, 5, 4)
    const layout = histogramLayout(data.nBins, 1, false)
    const random = createRandom(21)
    const wasm = kernel!.workspace(data, layout, 1, 1)
    const plain = typescriptKernel.workspace(data, layout, 1, 1)
    for (const ws of [wasm, plain]) {
      for (let k = 0; k < data.rows; k++) {
        ws.rows[k] = k
        ws.gOrdered[k] = k + 0.25
        ws.hOrdered[k] = -k
      }
    }
    for (let trial = 0; trial < 30; trial++) {
      const start = random.int(data.rows)
      const end = start + random.int(data.rows - start + 1)
      const feature = random.int(data.cols)
      const splitBin = random.int(data.nBins[feature])
      const missingLeft = random.next() < 0.5
      // Every third trial moves the rows alone (children never built), leaving the gradients where they were.
      const gradients = trial % 3 !== 2
      const before = [wasm.gOrdered.slice(), wasm.hOrdered.slice()]
      const at = wasm.partition(start, end, feature, splitBin, missingLeft, gradients)
      expect(plain.partition(start, end, feature, splitBin, missingLeft, gradients), `trial ${trial}`).toBe(at)
      expect(Array.from(wasm.rows)).toEqual(Array.from(plain.rows))
      if (gradients) {
        for (let k = 0; k < data.rows; k++) {
          // Each row's gradients travel with it.
          expect(wasm.gOrdered[k]).toBe(wasm.rows[k] + 0.25)
          expect(wasm.hOrdered[k]).toBe(-wasm.rows[k])
        }
      } else {
        expect(Array.from(wasm.gOrdered)).toEqual(Array.from(before[0]))
        expect(Array.from(wasm.hOrdered)).toEqual(Array.from(before[1]))
        // Realign for the next trial, as the next tree's gathering would.
        for (const ws of [wasm, plain]) {
          for (let k = 0; k < data.rows; k++) {
            ws.gOrdered[k] = ws.rows[k] + 0.25
            ws.hOrdered[k] = -ws.rows[k]
          }
        }
      }
      // Stable: each side keeps ascending row order when it started ascending (trial 0).
      if (trial === 0) {
        for (let k = start + 1; k < at; k++) expect(wasm.rows[k]).toBeGreaterThan(wasm.rows[k - 1])
        for (let k = at + 1; k < end; k++) expect(wasm.rows[k]).toBeGreaterThan(wasm.rows[k - 1])
      }
    }
  })

  it.each([
    ['', syntheticTable(3000, 8, 13, 0)],
    [', one-hot columns bundled', oneHotTable(3000, 6, 13, 0, [3, 4, 2])],
  ])('grows the reference tree when histograms overflow its slots (leaf-wise and depth-wise, tight budgets%s)', (_, { X, y }) => {
    const data = binMatrix(X, findBinEdges(X, { maxBins: 64, seed: 1 }))
    const g = Float64Array.from(y, (v) => -v)
    const h = new Float64Array(y.length).fill(1)
    const all = Int32Array.from({ length: data.cols }, (_, j) => j)
    const params = { maxDepth: Infinity, maxLeaves: 40, minSamplesLeaf: 1, minChildWeight: 0, lambda: 1, alpha: 0, minGain: 0 }
    for (const grow of [params, { ...params, maxDepth: 6, maxLeaves: Infinity }]) {
      for (const budget of [0, 3 * 8 * histogramLayout(data.nBins, 1, false).size]) {
        const a = new TreeGrower(data, 1, grow, budget, kernel!).grow(g, h, null, all)
        const b = new TreeGrower(data, 1, grow, budget, typescriptKernel).grow(g, h, null, all)
        expect(a.nodeCount).toBe(b.nodeCount)
        const same = (x: ArrayLike<number>, z: ArrayLike<number>) => Array.from({ length: a.nodeCount }, (_, k) => Object.is(x[k], z[k])).every(Boolean)
        expect(same(a.feature, b.feature) && same(a.bin, b.bin) && same(a.value, b.value) && same(a.gain, b.gain), `budget ${budget}`).toBe(true)
      }
    }
  })

  it('hands out histograms beyond its slots as ordinary arrays, built the same', () => {
    const data = randomBinned(500, 5, 3)
    const layout = histogramLayout(data.nBins, 1)
    const ws = kernel!.workspace(data, layout, 1, 1)
    const inMemory = ws.acquire()
    const extra = ws.acquire()
    expect(inMemory.buffer).not.toBe(extra.buffer)
    for (let k = 0; k < 500; k++) {
      ws.rows[k] = 499 - k
      ws.gOrdered[k] = k - 250
      ws.hOrdered[k] = 1 + (k % 3)
    }
    const features = Int32Array.of(0, 1, 2, 3, 4)
    ws.build(inMemory, 0, 500, features, 0, 5, false)
    ws.build(extra, 0, 500, features, 0, 5, false)
    expect(sameBits(inMemory, extra)).toBe(true)
    // Bin sums add up to the totals: Σ g over rows = Σ (k - 250) = -250 per feature.
    expect(inMemory.filter((_, i) => i % 3 === 0 && i < (data.nBins[0] + 1) * 3).reduce((a, b) => a + b, 0)).toBe(-250)
  })

  it.each([
    ['binary', 2, { nRounds: 12, maxDepth: 5 }],
    ['multiclass', 3, { nRounds: 6, maxDepth: 4 }],
    ['regression', 0, { nRounds: 8, maxDepth: 6, subsample: 0.7, colsampleByTree: 0.6 }],
    ['binary, leaf-wise, early stopping', 2, { nRounds: 30, maxDepth: null, maxLeaves: 20, earlyStoppingRounds: 3 }],
    ['binary, L1 and L2 penalties, min child weight, min gain', 2, { nRounds: 10, maxDepth: 6, alpha: 0.5, lambda: 2, minChildWeight: 3, minGain: 0.01 }],
  ] as const)('gives gradient boosting the same model as the reference loop (%s)', (_, classes, params) => {
    const { X, y } = syntheticTable(1500, 9, 5, classes)
    expectReferenceBoosting(X, y, classes, { ...params, seed: 3 })
  })

  it.each([
    ['binary', 2, { nRounds: 10, maxDepth: 5 }],
    ['multiclass', 3, { nRounds: 5, maxDepth: 4 }],
    ['regression, some trees on some features', 0, { nRounds: 8, maxDepth: 6, colsampleByTree: 0.7 }],
    ['binary, leaf-wise', 2, { nRounds: 8, maxDepth: null, maxLeaves: 24 }],
  ] as const)('gives gradient boosting the same model as the reference loop with one-hot columns bundled (%s)', (_, classes, params) => {
    const { X, y } = oneHotTable(2000, 6, 4, classes, [2, 3, 5, 4, 3])
    // The table's one-hot columns do make bundles (feature-bundles.ts): the test is about them.
    const bundled = bundleFeatures(binMatrix(X, findBinEdges(X, { maxBins: 255, seed: 0 })))
    expect(bundled.bundles?.members.length).toBeGreaterThanOrEqual(3)
    expectReferenceBoosting(X, y, classes, { ...params, seed: 5 })
  })

  it('gives a decision tree with row counts the same model as the reference loop, one-hot columns bundled', () => {
    const { X, y } = oneHotTable(1500, 5, 8, 2, [3, 4, 2])
    const fit = (histogramKernel: typeof typescriptKernel) => {
      const model = new DecisionTree({ maxDepth: 7, minSamplesLeaf: 5 })
      model.fit(X, y, { task: 'binary', histogramKernel })
      return JSON.stringify(model.toJSON())
    }
    const reference = fit(typescriptKernel)
    expect(fit(kernel!)).toBe(reference)
    expect(fit(rowMajorKernel!)).toBe(reference)
    expect(fit(levelKernel!)).toBe(reference)
  })

  it('gives a regression tree the same model as the reference loop', () => {
    const { X, y } = syntheticTable(800, 6, 9, 0)
    const fit = (histogramKernel: typeof typescriptKernel) => {
      const model = new DecisionTree({ maxDepth: 8 })
      model.fit(X, y, { task: 'regression', histogramKernel })
      return JSON.stringify(model.toJSON())
    }
    const reference = fit(typescriptKernel)
    expect(fit(kernel!)).toBe(reference)
    expect(fit(rowMajorKernel!)).toBe(reference)
    expect(fit(levelKernel!)).toBe(reference)
  })
})
