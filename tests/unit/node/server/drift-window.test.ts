/**
 * The live drift window: typed-array rings bounded by rows and by age, fed
 * the cleaned values of the reference's columns (a split source from the
 * raw column) and the model's output, read back oldest first.
 */
import { describe, expect, it } from 'vitest'
import type { BundleReference } from '../../../../src/core/bundle/bundle'
import type { ObservedBatch } from '../../../../src/core/bundle/predict-types'
import type { CategoryColumn, NumericColumn, Table } from '../../../../src/core/types'
import { DriftWindow, MAX_WINDOW_LEVELS, OTHER_LEVEL } from '../../../../src/node/server/drift-window'

const reference: BundleReference = {
  rows: 100,
  columns: [
    { name: 'age', type: 'number', missingShare: 0, min: 0, max: 100, histogram: { edges: [0, 50, 100], counts: [50, 50] } },
    { name: 'sex', type: 'category', missingShare: 0, frequencies: [{ value: 'F', share: 0.5 }], otherShare: 0.5 },
    { name: 'bp', type: 'category', missingShare: 0, frequencies: [{ value: '120/80', share: 1 }], otherShare: 0 },
  ],
  scores: { rows: 10, source: 'held-out', edges: [0, 0.5, 1], counts: [5, 5] },
}

const num = (name: string, values: number[]): NumericColumn => ({ name, type: 'number', values: Float64Array.from(values) })
const cat = (name: string, levels: string[], codes: number[]): CategoryColumn => ({ name, type: 'category', levels, codes: Int32Array.from(codes) })
const table = (columns: Table['columns']): Table => ({ name: 't', rowCount: columns[0].type === 'number' ? columns[0].values.length : columns[0].codes.length, columns })

/** A batch of `ages` (sex alternating F/M, bp raw), all kept, with binary output p = age / 100. */
function batch(ages: number[]): ObservedBatch {
  const n = ages.length
  const sex = cat('sex', ['M', 'F'], ages.map((_, i) => i % 2))
  const cleaned = table([num('age', ages), sex, num('bp_systolic', ages)])
  const raw = table([num('age', ages), sex, cat('bp', ['120/80', '140/90'], ages.map((a) => (a > 50 ? 1 : 0)))])
  const output = new Float64Array(n * 2)
  ages.forEach((a, i) => {
    output[i * 2] = 1 - a / 100
    output[i * 2 + 1] = a / 100
  })
  return { raw, cleaned, cleanedRows: Int32Array.from({ length: n }, (_, i) => i), output }
}

const ages = (t: Table): number[] => Array.from((t.columns[0] as NumericColumn).values)
const texts = (c: CategoryColumn): (string | null)[] => Array.from(c.codes, (code) => (code < 0 ? null : c.levels[code]))

describe('DriftWindow', () => {
  it('keeps the newest rows up to the row cap, oldest first, across wrap-around', () => {
    let now = 1000
    const w = new DriftWindow(reference, 2, { rows: 5, seconds: 3600 }, () => now)
    w.append(batch([1, 2, 3]))
    now += 1
    w.append(batch([4, 5, 6, 7]))
    const c = w.current()
    expect(c.table.rowCount).toBe(5)
    expect(ages(c.table)).toEqual([3, 4, 5, 6, 7])
    expect(w.rows).toBe(5)
    // The output ring holds rows × classes, in the same order.
    expect(c.predictionRows).toBe(5)
    expect(Array.from(c.output.filter((_, i) => i % 2 === 1))).toEqual([0.03, 0.04, 0.05, 0.06, 0.07])
    // A batch larger than the window keeps its last rows.
    w.append(batch([10, 11, 12, 13, 14, 15, 16]))
    expect(ages(w.current().table)).toEqual([12, 13, 14, 15, 16])
  })

  it('drops rows older than the time cap', () => {
    let now = 0
    const w = new DriftWindow(reference, 2, { rows: 100, seconds: 60 }, () => now)
    w.append(batch([1, 2]))
    now = 30_000
    w.append(batch([3]))
    now = 60_000
    expect(ages(w.current().table)).toEqual([1, 2, 3])
    now = 60_001
    expect(ages(w.current().table)).toEqual([3])
    expect(w.current().predictionRows).toBe(1)
    now = 90_001
    expect(w.current().table.rowCount).toBe(0)
    expect(w.rows).toBe(0)
  })

  it('reads categories by value, a split source from the raw column, and an absent column as missing', () => {
    const w = new DriftWindow(reference, 2, { rows: 10, seconds: 60 }, () => 0)
    w.append(batch([40, 60, 70]))
    const one = batch([10])
    // A request whose levels are in another order still maps to the same window values.
    one.cleaned.columns[1] = cat('sex', ['F', 'M'], [1])
    one.raw.columns[2] = cat('bp', ['x'], [-1])
    w.append(one)
    const { table: t } = w.current()
    expect(texts(t.columns[1] as CategoryColumn)).toEqual(['M', 'F', 'M', 'M'])
    expect(texts(t.columns[2] as CategoryColumn)).toEqual(['120/80', '140/90', '140/90', null])
    const missing = batch([5])
    missing.cleaned.columns.splice(0, 1)
    missing.raw.columns.splice(0, 1)
    w.append(missing)
    expect(ages(w.current().table).slice(-1)).toEqual([NaN])
  })

  it('feeds only the rows the cleaning kept (cleanedRows) from a split source', () => {
    const w = new DriftWindow(reference, 2, { rows: 10, seconds: 60 }, () => 0)
    const b = batch([10, 90, 20])
    // The replay refused raw row 1: the cleaned table holds raw rows 0 and 2.
    b.cleaned = table([num('age', [10, 20]), cat('sex', ['M'], [0, 0])])
    b.cleanedRows = Int32Array.from([0, 2])
    b.output = b.output.subarray(0, 4)
    w.append(b)
    const { table: t, predictionRows } = w.current()
    expect(texts(t.columns[2] as CategoryColumn)).toEqual(['120/80', '120/80'])
    expect(predictionRows).toBe(2)
  })

  it('caps the distinct values a category column tracks', () => {
    const w = new DriftWindow(reference, 2, { rows: 2000, seconds: 60 }, () => 0)
    const n = MAX_WINDOW_LEVELS + 50
    const b = batch(Array.from({ length: n }, () => 1))
    b.cleaned.columns[1] = cat(
      'sex',
      Array.from({ length: n }, (_, i) => `v${i}`),
      Array.from({ length: n }, (_, i) => i),
    )
    w.append(b)
    const sex = w.current().table.columns[1] as CategoryColumn
    expect(sex.levels.length).toBe(MAX_WINDOW_LEVELS)
    expect(sex.levels[MAX_WINDOW_LEVELS - 1]).toBe(OTHER_LEVEL)
    expect(texts(sex).filter((v) => v === OTHER_LEVEL).length).toBe(n - (MAX_WINDOW_LEVELS - 1))
  })

  it('changes its stamp when rows arrive or age out', () => {
    let now = 0
    const w = new DriftWindow(reference, 2, { rows: 10, seconds: 1 }, () => now)
    w.append(batch([1]))
    const a = w.current().stamp
    expect(w.current().stamp).toBe(a)
    now = 2000
    expect(w.current().stamp).not.toBe(a)
  })
})
