import { describe, expect, it } from 'vitest'
import { assembleForest, growForestTrees, growQueuedTrees, prepareForest, RandomForest, type ForestPart, type RandomForestParams } from '../../../../../src/core/model/tree/random-forest'
import { treeQueue } from '../../../../../src/core/model/tree/forest-threads'
import { createRandom, streamSeed } from '../../../../../src/core/random'
import type { FitOptions } from '../../../../../src/core/model/estimator'
import type { Matrix } from '../../../../../src/core/types'

/** Noisy classes (or values) from two of five features, some values missing, one constant-ish binary column. */
function data(n: number, seed: number, kind: 'binary' | 'multiclass' | 'regression'): { X: Matrix; y: Float64Array } {
  const random = createRandom(seed)
  const p = 5
  const X = { rows: n, cols: p, data: new Float64Array(n * p) }
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 4; j++) X.data[i * p + j] = random.next() < 0.04 ? NaN : random.normal()
    X.data[i * p + 4] = random.next() < 0.1 ? 1 : 0
    const s = (X.data[i * p] || 0) + 0.7 * (X.data[i * p + 1] || 0) + 0.5 * random.normal()
    y[i] = kind === 'binary' ? (s > 0 ? 1 : 0) : kind === 'multiclass' ? (s < -0.5 ? 0 : s < 0.5 ? 1 : 2) : 3 * s + 10
  }
  return { X, y }
}

/** Grows the forest in ranges, in a scrambled order, and assembles it into a fresh model. */
function grownInParts(X: Matrix, y: Float64Array, params: Partial<RandomForestParams>, options: FitOptions, cuts: number[]): { model: RandomForest; report: ReturnType<RandomForest['fit']> } {
  const inputs = prepareForest(X, y, params, { ...options, allocate: (bytes) => new SharedArrayBuffer(bytes) })
  expect(inputs.codes.buffer).toBeInstanceOf(SharedArrayBuffer)
  const bounds = [0, ...cuts, inputs.settings.nTrees]
  const parts: ForestPart[] = []
  for (let k = bounds.length - 2; k >= 0; k--) parts.push(structuredClone(growForestTrees(structuredClone(inputs), bounds[k], bounds[k + 1])))
  const model = new RandomForest(params)
  const report = model.assemble(inputs, parts)
  return { model, report }
}

describe('random forest grown in independent parts', () => {
  const cases: [string, 'binary' | 'multiclass' | 'regression', Partial<RandomForestParams>, FitOptions][] = [
    ['binary, whole weights (packed statistics)', 'binary', { nTrees: 9, seed: 5 }, {}],
    ['binary, balanced class weights', 'binary', { nTrees: 9, seed: 6, classWeight: 'balanced' }, {}],
    ['multiclass, minSamplesLeaf 3 (row counts)', 'multiclass', { nTrees: 8, seed: 7, minSamplesLeaf: 3 }, { task: 'multiclass' }],
    ['regression, maxDepth 6', 'regression', { nTrees: 7, seed: 8, maxDepth: 6 }, { task: 'regression' }],
  ]
  for (const [name, kind, params, options] of cases) {
    it(`gives the same forest, importance and out-of-bag score as one fit: ${name}`, () => {
      const { X, y } = data(400, 11, kind)
      const whole = new RandomForest(params)
      const wholeReport = whole.fit(X, y, options)
      const { model, report } = grownInParts(X, y, params, options, [2, 3, 6])
      expect(JSON.stringify(model.toJSON())).toBe(JSON.stringify(whole.toJSON()))
      expect(Array.from(model.featureImportance())).toEqual(Array.from(whole.featureImportance()))
      expect(report).toEqual(wholeReport)
      expect(wholeReport.oobScore).toBeGreaterThan(kind === 'regression' ? 0.5 : 0.6)
      const predict = (m: RandomForest) => Array.from(kind === 'regression' ? m.predict(X) : m.predictProba(X))
      expect(predict(model)).toEqual(predict(whole))
    })
  }

  it('tree t depends on (seed, t) only: the trees of a part equal the same trees of the whole forest', () => {
    const { X, y } = data(300, 12, 'binary')
    const inputs = prepareForest(X, y, { nTrees: 6, seed: 3 })
    const all = growForestTrees(inputs, 0, 6)
    const middle = growForestTrees(inputs, 2, 4)
    expect(middle.trees).toEqual(all.trees.slice(2, 4))
    expect(Array.from(middle.importance)).toEqual(Array.from(all.importance.subarray(2 * 5, 4 * 5)))
    expect(all.trees[0]).not.toEqual(all.trees[1])
  })

  it('gives the same forest from parts of interleaved trees, as threads sharing a queue grow them', () => {
    const { X, y } = data(400, 15, 'binary')
    const params = { nTrees: 9, seed: 4 }
    const whole = new RandomForest(params)
    const wholeReport = whole.fit(X, y, {})
    const inputs = prepareForest(X, y, params, { allocate: (bytes) => new SharedArrayBuffer(bytes) })
    const queue = treeQueue((bytes) => new SharedArrayBuffer(bytes))
    // Two "threads" taking turns at the queue: the first grows trees 0 and 1 (it stops when told to),
    // the second the rest; then a part of even trees and one of odd trees, assembled odd first.
    const finished: number[] = []
    const controller = new AbortController()
    const first = (() => {
      try {
        return growQueuedTrees(inputs, queue, { signal: controller.signal, onFinished: (done) => (finished.push(done), done === 2 && controller.abort()) })
      } catch {
        return null
      }
    })()
    expect(first).toBeNull()
    expect(finished).toEqual([1, 2])
    const rest = growQueuedTrees(inputs, queue, { onFinished: (done) => finished.push(done) })
    expect(Array.from(rest.indices)).toEqual([2, 3, 4, 5, 6, 7, 8])
    expect(finished).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(growQueuedTrees(inputs, queue).trees).toHaveLength(0)
    const head = growForestTrees(inputs, 0, 2)
    const model = new RandomForest(params)
    expect(model.assemble(inputs, [rest, head])).toEqual(wholeReport)
    expect(JSON.stringify(model.toJSON())).toBe(JSON.stringify(whole.toJSON()))
    const pick = (part: ForestPart, keep: (t: number) => boolean): ForestPart => {
      const at = Array.from(part.indices).flatMap((t, i) => (keep(t) ? [i] : []))
      const p = inputs.cols
      return { indices: Int32Array.from(at, (i) => part.indices[i]), trees: at.map((i) => part.trees[i]), importance: Float64Array.from(at.flatMap((i) => Array.from(part.importance.subarray(i * p, (i + 1) * p)))), oobSum: null, oobCount: null }
    }
    const all = growForestTrees(inputs, 0, 9)
    const interleaved = new RandomForest({ ...params, oobScore: false })
    interleaved.assemble({ ...inputs, settings: { ...inputs.settings, oobScore: false } }, [pick(all, (t) => t % 2 === 1), pick(all, (t) => t % 2 === 0)])
    expect(JSON.stringify(interleaved.toJSON().trees)).toBe(JSON.stringify(whole.toJSON().trees))
    expect(interleaved.fittedState().ensemble.treeCount).toBe(9)
    expect(Array.from(interleaved.featureImportance())).toEqual(Array.from(whole.featureImportance()))
  })

  it('refuses parts that miss or repeat trees, and ranges outside the forest', () => {
    const { X, y } = data(200, 13, 'binary')
    const inputs = prepareForest(X, y, { nTrees: 4 })
    const a = growForestTrees(inputs, 0, 2)
    const b = growForestTrees(inputs, 2, 4)
    expect(() => assembleForest(inputs, [a])).toThrow(/no part holds tree 2 of 0…3/)
    expect(() => assembleForest(inputs, [a, a, b])).toThrow(/tree 0 is in two parts/)
    expect(() => assembleForest(inputs, [{ ...a, indices: Int32Array.of(0, 7) }, b])).toThrow(/holds tree 7, outside 0…3/)
    expect(() => growForestTrees(inputs, 3, 5)).toThrow(/tree range 3…5 is not within 0…4/)
    expect(assembleForest(inputs, [b, a]).fitted.ensemble.treeCount).toBe(4)
  })

  it('keeps fitted trees compact and gives the flat arrays on request, predicting the same', () => {
    const { X, y } = data(500, 14, 'binary')
    const forest = new RandomForest({ nTrees: 5, oobScore: false })
    forest.fit(X, y)
    const ensemble = forest.fittedState().ensemble
    const arrays = ensemble.arrays
    expect(arrays.feature.length).toBe(ensemble.nodeCount)
    for (let i = 0; i < arrays.feature.length; i++) if (arrays.feature[i] >= 0) expect(arrays.right[i]).toBe(arrays.left[i] + 1)
    const restored = RandomForest.fromJSON(forest.toJSON())
    expect(Array.from(restored.predictProba(X))).toEqual(Array.from(forest.predictProba(X)))
  })
})

describe('streamSeed', () => {
  it('gives unrelated generators for neighbouring streams and seeds, the same for the same pair', () => {
    const first = (seed: number, stream: number) => createRandom(streamSeed(seed, stream)).next()
    expect(first(0, 1)).toBe(first(0, 1))
    const draws = [first(0, 0), first(0, 1), first(0, 2), first(1, 0), first(1, 1), first(2, 0)]
    expect(new Set(draws).size).toBe(draws.length)
    // Over many streams the first draws look uniform: mean near 1/2, every tenth of [0, 1) hit.
    const many = Array.from({ length: 2000 }, (_, t) => first(42, t))
    expect(Math.abs(many.reduce((s, v) => s + v, 0) / many.length - 0.5)).toBeLessThan(0.03)
    const tenths = new Set(many.map((v) => Math.floor(v * 10)))
    expect(tenths.size).toBe(10)
    expect(() => streamSeed(0, -1)).toThrow(/stream -1/)
  })
})
