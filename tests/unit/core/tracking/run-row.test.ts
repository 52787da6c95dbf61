import { describe, expect, it } from 'vitest'
import { bucketOf, mergeRows, newestFirst, ROW_BUCKETS, runRowOf, runSearchText } from '../../../../src/core/tracking/run-row'
import { migrateRun } from '../../../../src/core/tracking/run-schema'
import { makeRun, tinyBundle } from './fixtures'

const row = (id: string, startedAt: string, overrides = {}) => runRowOf(migrateRun(makeRun(id, startedAt, overrides)))

describe('run rows', () => {
  it('keep what the table, pickers and registry read, and nothing heavy', () => {
    const r = row('a', '2026-01-01T00:00:00Z', { tags: ['Baseline'], note: 'First Try', roc: { fpr: [0, 1], tpr: [0, 1], thresholds: [1, 0] }, bundle: tinyBundle(), kind: 'trial', parentId: 'p' })
    expect(r).toMatchObject({ id: 'a', status: 'finished', metrics: { auc: 0.9 }, tags: ['Baseline'], note: 'First Try', kind: 'trial', parentId: 'p', experimentId: 'exp-f' })
    expect(r.bundleSummary?.labels).toEqual(['no', 'yes'])
    for (const heavy of ['roc', 'features', 'featureImportance', 'bundle', 'params', 'recipe', 'pipelineConfig', 'confusion']) expect(r).not.toHaveProperty(heavy)
    // The search text is made from the row (when a search is typed), and a full run gives the same.
    expect(runSearchText(r)).toBe('d.csv y logistic baseline first try a')
    expect(runSearchText(makeRun('a', '2026-01-01T00:00:00Z', { tags: ['Baseline'], note: 'First Try' }))).toBe(runSearchText(r))
    // Absent optional fields stay absent (a row is a run, cut down).
    expect(row('b', '2026-01-01T00:00:00Z')).not.toHaveProperty('kind')
  })

  it('fall in a fixed bucket by id, spread over all of them', () => {
    expect(bucketOf('bench-00001')).toBe(bucketOf('bench-00001'))
    const used = new Set(Array.from({ length: 2000 }, (_, i) => bucketOf(`run-${i}`)))
    expect(Math.min(...used)).toBe(0)
    expect(Math.max(...used)).toBe(ROW_BUCKETS - 1)
    expect(used.size).toBe(ROW_BUCKETS)
  })

  it('merge into a bucket: replaced by id, deleted, kept newest first', () => {
    const a = row('a', '2026-01-01T00:00:00Z')
    const b = row('b', '2026-01-02T00:00:00Z')
    const c = row('c', '2026-01-03T00:00:00Z')
    const bFailed = row('b', '2026-01-02T00:00:00Z', { status: 'failed' })
    expect(mergeRows([b, a], [c, bFailed], new Set(['a']))).toEqual([c, bFailed])
    const same = [row('x', '2026-01-01T00:00:00Z'), row('y', '2026-01-01T00:00:00Z')]
    expect(same.sort(newestFirst).map((r) => r.id)).toEqual(['y', 'x'])
  })
})
