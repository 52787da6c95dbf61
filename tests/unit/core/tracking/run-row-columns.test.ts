import { describe, expect, it } from 'vitest'
import { runRowOf } from '../../../../src/core/tracking/run-row'
import { decodeRows, encodeRows } from '../../../../src/core/tracking/run-row-columns'
import { migrateRun } from '../../../../src/core/tracking/run-schema'
import { makeRun, tinyBundle } from './fixtures'

const row = (id: string, overrides = {}) => runRowOf(migrateRun(makeRun(id, '2026-01-01T00:00:00Z', overrides)))
const cv = { scheme: { kind: 'stratified' as const, k: 5, seed: 1 }, metric: 'auc', summary: { auc: { mean: 0.81, std: 0.02 } } }

describe('run rows as columns', () => {
  const rows = [
    row('a', { tags: ['baseline'], note: 'first', bundle: tinyBundle(), metrics: { auc: 0.9123456789012345, logLoss: null } }),
    row('b', { status: 'failed', error: 'out of memory', durationMs: null, bundle: null, metrics: {}, kind: 'trial', parentId: 's' }),
    row('c', { task: 'regression', family: 'gbdt', metrics: { rmse: 1.5, r2: NaN }, cv, kind: 'search', parentId: null, experimentId: 'exp-x' }),
    row('d', { tags: ['baseline'], note: 'first', testShare: 0, seed: 7, finishedAt: '2026-01-01T00:01:00Z' }),
  ]

  it('give back the rows as JSON would, field for field, in order', () => {
    const decoded = decodeRows(encodeRows(rows))
    expect(decoded).toStrictEqual(JSON.parse(JSON.stringify(rows)))
    // Absent optional fields stay absent; a null metric stays null and keeps its place among the keys.
    expect(decoded[0]).not.toHaveProperty('kind')
    expect(Object.keys(decoded[0].metrics)).toEqual(['auc', 'logLoss'])
    expect(decoded[2]).toMatchObject({ kind: 'search', parentId: null, metrics: { rmse: 1.5, r2: null } })
    expect(decoded[0].metrics.auc).toBe(0.9123456789012345)
  })

  it('keep numbers as typed arrays and shared values once, frozen', () => {
    const columns = encodeRows(rows)
    expect(columns.metricValues).toBeInstanceOf(Float64Array)
    expect(columns.codes).toBeInstanceOf(Uint8Array)
    expect(columns.shared.filter((v) => JSON.stringify(v) === '["baseline"]')).toHaveLength(1)
    const decoded = decodeRows(columns)
    expect(decoded[3].tags).toBe(decoded[0].tags)
    expect(decoded[3].dataset).toBe(decoded[1].dataset)
    expect(Object.isFrozen(decoded[0].dataset)).toBe(true)
    expect(() => (decoded[0].tags as string[]).push('x')).toThrow()
  })

  it('widen the codes when a bucket holds more distinct values than a byte can count', () => {
    const many = Array.from({ length: 300 }, (_, i) => row(`n${i}`, { note: `note ${i}` }))
    const columns = encodeRows(many)
    expect(columns.codes).toBeInstanceOf(Uint16Array)
    expect(decodeRows(columns)).toStrictEqual(JSON.parse(JSON.stringify(many)))
  })

  it('an empty bucket is no rows; a malformed one is refused, naming its counts', () => {
    expect(decodeRows(encodeRows([]))).toEqual([])
    const columns = encodeRows(rows)
    expect(() => decodeRows({ ...columns, count: 5 })).toThrow(/bucket of 5 rows has 4 ids/)
    expect(() => decodeRows({ ...columns, id: { ...columns.id, text: columns.id.text + "x" } })).toThrow(/id column holds 5 characters, its lengths add up to 4/)
  })
})
