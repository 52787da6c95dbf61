import { describe, expect, it } from 'vitest'
import { resultsSuperseded, runTitle, type ActiveRun } from '../../../src/state/train-store'
import { makeRun } from '../core/tracking/fixtures'

const shown = makeRun('run-a', '2026-03-01T10:00:00.000Z', { family: 'logistic' })

function active(id: string, submittedAt: string): ActiveRun {
  const at = Date.parse(submittedAt)
  return { id, family: 'gbdt', label: id, submittedAt: at, startedAt: at, queued: false, progress: null, history: [] }
}

describe('the Train page results while another run trains', () => {
  it('are the previous run’s while a run started after them is training', () => {
    expect(resultsSuperseded({ run: shown, active: [] })).toBe(false)
    expect(resultsSuperseded({ run: shown, active: [active('run-b', '2026-03-01T10:00:05.000Z')] })).toBe(true)
    expect(resultsSuperseded({ run: null, active: [active('run-b', '2026-03-01T10:00:05.000Z')] })).toBe(false)
  })

  it('stay current while only an older run is still training', () => {
    expect(resultsSuperseded({ run: shown, active: [active('run-0', '2026-03-01T09:59:00.000Z')] })).toBe(false)
  })

  it('name the model family and the time the run started', () => {
    const title = runTitle(shown)
    expect(title).toMatch(/^Logistic regression · \d\d:\d\d:\d\d$/)
    expect(title).toContain(new Date(shown.startedAt).toLocaleTimeString('en-GB'))
  })
})
