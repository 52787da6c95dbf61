import { describe, expect, it } from 'vitest'
import { createRandom } from '../../../src/core/random'
import { runSearchText } from '../../../src/core/tracking/run-row'
import { DEFAULT_COLUMNS, filterRuns, NO_FILTERS, RUN_COLUMNS, sortRuns } from '../../../src/state/run-query'
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

describe('sorting the runs table', () => {
  // The order the table always had: values first (numbers by value, text as localeCompare), missing
  // values last in either direction, ties in the order given. Written plainly, as the reference.
  function reference(list: ReturnType<typeof makeRun>[], column: string, descending: boolean): string[] {
    const spec = RUN_COLUMNS.find((c) => c.id === column)!
    return list
      .map((run, index) => ({ run, index, key: spec.value(run) }))
      .sort((a, b) => {
        if (a.key === null) return b.key === null ? a.index - b.index : 1
        if (b.key === null) return -1
        const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : String(a.key).localeCompare(String(b.key))
        return order === 0 ? a.index - b.index : (descending ? -1 : 1) * order
      })
      .map((k) => k.run.id)
  }

  const random = createRandom(7)
  const many = Array.from({ length: 300 }, (_, i) =>
    makeRun(`r${i}`, new Date(Date.UTC(2026, 0, 1) + Math.floor(random.next() * 50) * 3_600_000).toISOString(), {
      metrics: random.next() < 0.2 ? {} : { auc: Math.round(random.next() * 20) / 20 },
      family: ['logistic', 'tree', 'forest', 'Forest', 'gbdt'][i % 5],
      tags: random.next() < 0.5 ? [] : [['b', 'a', 'B', 'é'][i % 4]],
      durationMs: random.next() < 0.1 ? null : Math.round(random.next() * 10),
    }),
  )

  for (const column of ['startedAt', 'auc', 'family', 'tags', 'durationMs']) {
    for (const descending of [false, true]) {
      it(`by ${column}, ${descending ? 'descending' : 'ascending'}, as the plain sort does`, () => {
        expect(sortRuns(many, { column, descending }).map((r) => r.id)).toEqual(reference(many, column, descending))
        // Sorting what is already sorted changes nothing (the page's first list is newest first).
        const once = sortRuns(many, { column, descending })
        expect(sortRuns(once, { column, descending })).toEqual(once)
      })
    }
  }
})

describe('searching the runs table', () => {
  const random = createRandom(11)
  const pick = <T,>(list: T[]) => list[Math.floor(random.next() * list.length)]
  const many = Array.from({ length: 400 }, (_, i) =>
    makeRun(pick([`R${i}`, `run-${i}`, `Bench-${i}`]), at, {
      dataset: { name: pick(['Parkinsons.csv', 'ms treatment.csv', 'ΟΔΟΣ.csv']), fingerprint: 'f', rows: 1, columns: 1 },
      target: pick(['Diagnosis', 'y']),
      family: pick(['forest', 'gbdt', 'logistic']),
      tags: pick([[], ['baseline'], ['Night Run', 'x'], ['ΣΟΦΙΑ']]),
      note: pick(['', 'first try', 'Second TRY', 'ends with Σ']),
    }),
  )
  const needles = ['forest', 'FOREST', 'csv', 'csv y', 'csv diagnosis forest', 'try', 'night run', 'run', 'run-1', 'r1', '-3', 'x', 'ς', 'σ', 'σοφ', 'ς y', 'baseline bench', 'treatment.csv', '  gbdt  ', 'nothing']

  it('finds what the plain search text holds, for needles with and without spaces', () => {
    let partly = 0
    for (const needle of needles) {
      const expected = many.filter((r) => runSearchText(r).includes(needle.trim().toLowerCase())).map((r) => r.id)
      expect(filterRuns(many, { ...NO_FILTERS, text: needle }).map((r) => r.id), needle).toEqual(expected)
      if (expected.length > 0 && expected.length < many.length) partly++
    }
    // The needles tell runs apart: most match some runs and not others.
    expect(partly).toBeGreaterThan(12)
  })
})
