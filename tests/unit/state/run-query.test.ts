import { describe, expect, it } from 'vitest'
import { DEFAULT_COLUMNS, filterRuns, NO_FILTERS, RUN_COLUMNS } from '../../../src/state/run-query'
import { makeRun } from '../core/tracking/fixtures'

const at = '2026-01-01T00:00:00Z'
const cv5 = { scheme: { kind: 'stratified' as const, k: 5, seed: 1 }, metric: 'auc', summary: {} }
const runs = [
  makeRun('trained', at, { testShare: 0.2 }),
  makeRun('leaderboard', at, { kind: 'cv', cv: cv5 }),
  makeRun('final', at, { kind: 'search', testShare: 0, cv: cv5 }),
]

describe('the runs table marks how each run was validated', () => {
  it('shows a Validation column by default, with the label of each run', () => {
    expect(DEFAULT_COLUMNS).toContain('validation')
    const column = RUN_COLUMNS.find((c) => c.id === 'validation')!
    expect(runs.map((r) => column.value(r))).toEqual(['held-out 20%', '5-fold CV', '5-fold CV'])
  })

  it('filters held-out runs from cross-validated ones', () => {
    expect(filterRuns(runs, { ...NO_FILTERS, validation: 'holdout' }).map((r) => r.id)).toEqual(['trained'])
    expect(filterRuns(runs, { ...NO_FILTERS, validation: 'cv' }).map((r) => r.id)).toEqual(['leaderboard', 'final'])
    expect(filterRuns(runs, NO_FILTERS)).toHaveLength(3)
  })
})
