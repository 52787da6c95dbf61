import { describe, expect, it } from 'vitest'
import { runValidation, schemeLabel } from '../../../../src/core/tracking/run-validation'
import { makeRun } from './fixtures'

const at = '2026-01-01T00:00:00Z'
const cv5 = { scheme: { kind: 'stratified' as const, k: 5, seed: 1 }, metric: 'auc', summary: {} }

describe('how a run was validated', () => {
  it('a training on the Train page: its held-out share', () => {
    expect(runValidation(makeRun('a', at, { testShare: 0.2 }))).toEqual({ kind: 'holdout', label: 'held-out 20%' })
    expect(runValidation(makeRun('a', at, { testShare: 0.25, kind: 'holdout' }))).toEqual({ kind: 'holdout', label: 'held-out 25%' })
  })

  it('a leaderboard entry or search trial: cross-validation, whatever test share the page had', () => {
    expect(runValidation(makeRun('a', at, { kind: 'cv', testShare: 0.2, cv: cv5 }))).toEqual({ kind: 'cv', label: '5-fold CV' })
    expect(runValidation(makeRun('a', at, { kind: 'trial', testShare: 0, cv: cv5 }))).toEqual({ kind: 'cv', label: '5-fold CV' })
  })

  it('a final model: scored on the locked test rows when there are some, else by its cross-validation', () => {
    expect(runValidation(makeRun('a', at, { kind: 'search', testShare: 0.2, cv: cv5 }))).toEqual({ kind: 'holdout', label: 'held-out 20% after 5-fold CV' })
    expect(runValidation(makeRun('a', at, { kind: 'search', testShare: 0, cv: cv5 }))).toEqual({ kind: 'cv', label: '5-fold CV' })
    expect(runValidation(makeRun('a', at, { testShare: 0, cv: null }))).toEqual({ kind: 'none', label: 'not validated' })
  })

  it('names every fold scheme', () => {
    expect(schemeLabel({ kind: 'kfold', k: 10, seed: 1 })).toBe('10-fold CV')
    expect(schemeLabel({ kind: 'repeated', k: 5, repeats: 3, seed: 1, stratified: true })).toBe('3 × 5-fold CV')
    expect(schemeLabel({ kind: 'group', k: 4, seed: 1, column: 'patient' })).toBe('group 4-fold CV')
  })
})
