import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { newestFirst, runRowOf } from '../../../src/core/tracking/run-row'
import { migrateRun } from '../../../src/core/tracking/run-schema'
import { NO_FILTERS, sortRuns } from '../../../src/state/run-query'
import { visibleRuns } from '../../../src/state/runs-store'
import { makeRun } from '../core/tracking/fixtures'

describe('the runs the table shows', () => {
  // Same starts (ties by id) and ids that sort differently as text and as numbers.
  const rows = Array.from({ length: 60 }, (_, i) => runRowOf(migrateRun(makeRun(`r${i}`, new Date(Date.UTC(2026, 0, 1) + (i % 7) * 60_000).toISOString(), { family: i % 3 ? 'tree' : 'gbdt' })))).sort(newestFirst)

  it('newest first (the first sort) is the stored order, as sorting would give it, filtered or not', () => {
    const sort = { column: 'startedAt', descending: true }
    expect(visibleRuns({ runs: rows, filters: NO_FILTERS, sort })).toEqual(sortRuns(rows, sort))
    const filters = { ...NO_FILTERS, family: 'gbdt' }
    expect(visibleRuns({ runs: rows, filters, sort }).map((r) => r.id)).toEqual(sortRuns(rows.filter((r) => r.family === 'gbdt'), sort).map((r) => r.id))
    // Any other order is sorted.
    const oldest = { column: 'startedAt', descending: false }
    expect(visibleRuns({ runs: rows, filters, sort: oldest }).map((r) => r.id)).toEqual(sortRuns(rows.filter((r) => r.family === 'gbdt'), oldest).map((r) => r.id))
  })
})
