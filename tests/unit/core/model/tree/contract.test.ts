import { describe, expect, it } from 'vitest'
import type { Model } from '../../../../../src/core/model/estimator'
import { FAMILIES, familyInfo, modelFromJSON } from '../../../../../src/core/model/registry'
import { createRandom } from '../../../../../src/core/random'
import type { Matrix } from '../../../../../src/core/types'

/** Binary, multiclass and regression targets over 5 features with ~5% missing values. */
function table(n: number, seed: number) {
  const random = createRandom(seed)
  const X: Matrix = { rows: n, cols: 5, data: new Float64Array(n * 5) }
  const binary = new Float64Array(n)
  const multi = new Float64Array(n)
  const value = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: 5 }, () => random.normal())
    row.forEach((v, j) => (X.data[i * 5 + j] = random.next() < 0.05 ? NaN : v))
    const s = row[0] + 0.5 * row[1] - 0.5 * row[2] + 0.3 * random.normal()
    binary[i] = s > 0 ? 1 : 0
    multi[i] = s < -0.5 ? 0 : s < 0.5 ? 1 : 2
    value[i] = 2 * s + 10
  }
  return { X, binary, multi, value }
}

const data = table(240, 1)
const subset = (from: number, to: number): Matrix => ({ rows: to - from, cols: 5, data: data.X.data.slice(from * 5, to * 5) })
const tasks = [
  ['binary', data.binary, 2],
  ['multiclass', data.multi, 3],
  ['regression', data.value, 0],
] as const

/** Small settings so the suite stays fast; defaults are exercised in the reference tests. */
const quick: Record<string, Record<string, unknown>> = { tree: {}, forest: { nTrees: 8 }, gbdt: { nRounds: 12 } }

describe.each(['tree', 'forest', 'gbdt'])('%s family contract', (id) => {
  const info = familyInfo(id)
  const make = (extra: Record<string, unknown> = {}): Model => info.create({ ...info.defaults, ...quick[id], ...extra })

  it('is registered, handles missing values, does every task and documents every parameter', () => {
    expect(FAMILIES[id]).toBe(info)
    expect(info.handlesMissing).toBe(true)
    expect(info.tasks).toEqual(['binary', 'multiclass', 'regression'])
    for (const spec of info.params) {
      expect(spec.help.length).toBeGreaterThan(20)
      expect(Object.keys(info.defaults)).toContain(spec.name)
    }
  })

  it('refuses to predict before fitting', () => {
    const model = make()
    expect(model.isClassifier).toBe(false)
    expect(() => model.predict(data.X)).toThrow(/not fitted/)
    expect(() => model.predictProba(data.X)).toThrow(/not fitted/)
    expect(() => model.featureImportance()).toThrow(/not fitted/)
    expect(() => model.toJSON()).toThrow(/not fitted/)
  })

  it('names a bad parameter and its allowed range', () => {
    expect(() => make({ maxDepth: 0 })).toThrow(/maxDepth = 0 is invalid; expected null \(no limit\) or an integer in \[1, 64\]/)
    expect(() => make({ maxBins: 256 })).toThrow(/maxBins = 256 is invalid; expected an integer in \[2, 255\]/)
    expect(() => make({ classWeight: 'heavy' })).toThrow(/classWeight = "heavy" is invalid; expected one of none, balanced/)
    expect(() => make({ shrinkage: 1 })).toThrow(/unknown parameter "shrinkage"/)
  })

  it.each(tasks)('%s: deterministic, JSON round trip predicts identically, subsets predict as rows', (task, y, classes) => {
    const a = make()
    const report = a.fit(data.X, y, { task, classCount: classes || undefined }) as { iterations: number; finalLoss: number }
    expect(report.iterations).toBeGreaterThan(0)
    expect(Number.isFinite(report.finalLoss)).toBe(true)
    expect(a.isClassifier).toBe(task !== 'regression')
    const b = make()
    b.fit(data.X, y, { task, classCount: classes || undefined })
    const json = JSON.stringify(a.toJSON())
    expect(JSON.stringify(b.toJSON())).toBe(json)
    const restored = modelFromJSON(JSON.parse(json))
    expect(restored.isClassifier).toBe(a.isClassifier)
    expect(Array.from(restored.predict(data.X))).toEqual(Array.from(a.predict(data.X)))
    expect(Array.from(restored.featureImportance())).toEqual(Array.from(a.featureImportance()))
    if (task !== 'regression') {
      const proba = a.predictProba(data.X)
      expect(Array.from(restored.predictProba(data.X))).toEqual(Array.from(proba))
      expect(Array.from(a.predictProba(subset(50, 60)))).toEqual(Array.from(proba.subarray(50 * classes, 60 * classes)))
      for (let i = 0; i < data.X.rows; i++) {
        let sum = 0
        for (let c = 0; c < classes; c++) sum += proba[i * classes + c]
        expect(sum).toBeCloseTo(1, 12)
      }
    } else {
      expect(Array.from(a.predict(subset(50, 60)))).toEqual(Array.from(a.predict(data.X).subarray(50, 60)))
    }
    const importance = a.featureImportance()
    expect(importance.length).toBe(5)
    expect(importance.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12)
    expect(importance[0]).toBe(Math.max(...importance))
  })

  it('predicts rows that are entirely missing', () => {
    const model = make()
    model.fit(data.X, data.binary)
    const proba = model.predictProba({ rows: 1, cols: 5, data: new Float64Array(5).fill(NaN) })
    expect(proba[0] + proba[1]).toBeCloseTo(1, 12)
  })

  it('checks its inputs', () => {
    const model = make()
    expect(() => model.fit(data.X, data.binary.subarray(0, 10))).toThrow(/240 rows of features but 10 targets/)
    expect(() => model.fit(data.X, data.value)).toThrow(/expected a class index/)
    expect(() => model.fit(data.X, data.multi, { task: 'binary' })).toThrow(/task is binary but the target has 3 classes/)
    expect(() => model.fit(data.X, data.binary, { sampleWeight: new Float64Array(240).fill(-1) })).toThrow(/sampleWeight at row 0 is -1/)
    const restored = make()
    restored.fit(data.X, data.binary)
    expect(() => restored.predict({ rows: 1, cols: 4, data: new Float64Array(4) })).toThrow(/input has 4 feature column\(s\) but the model was fitted on 5/)
    const json = restored.toJSON() as Record<string, unknown>
    expect(() => modelFromJSON({ ...json, features: 6 } as never)).toThrow(/importance must be 6 numbers/)
    expect(() => modelFromJSON({ ...json, trees: { ...(json.trees as object), value: undefined } } as never)).toThrow(/trees\.value is missing/)
  })

  it('reports progress per unit and stops when cancelled', () => {
    const units: string[] = []
    const model = make()
    model.fit(data.X, data.binary, { onProgress: (p) => units.push(`${p.done}/${p.total} ${p.unit}`) })
    expect(units.length).toBeGreaterThan(0)
    expect(units.at(-1)).toMatch(id === 'gbdt' ? /^12\/12 round$/ : id === 'forest' ? /^8\/8 tree$/ : /^1\/1 tree$/)
    const controller = new AbortController()
    controller.abort()
    expect(() => make().fit(data.X, data.binary, { signal: controller.signal })).toThrow(/cancelled/)
    if (id === 'tree') return
    const midway = new AbortController()
    expect(() => make().fit(data.X, data.binary, { signal: midway.signal, onProgress: (p) => p.done === 2 && midway.abort() })).toThrow(/cancelled/)
  })
})
