import { describe, expect, it } from 'vitest'
import { checkExperimentName, defaultExperimentName, experimentIdFor, newExperiment } from '../../../../src/core/tracking/experiment'
import { experimentsForRuns } from '../../../../src/core/tracking/experiments-from-runs'
import { migrateRun } from '../../../../src/core/tracking/run-schema'
import { makeRun } from './fixtures'

describe('experiments', () => {
  it('gives a dataset one default experiment, its id derived from the fingerprint', () => {
    expect(experimentIdFor('0123abcd')).toBe('exp-0123abcd')
    expect(newExperiment('0123abcd', ' sepsis.csv ', '2026-01-01T00:00:00Z')).toEqual({
      schemaVersion: 1, id: 'exp-0123abcd', name: 'sepsis.csv', description: '', datasetFingerprint: '0123abcd', createdAt: '2026-01-01T00:00:00.000Z',
    })
  })

  it('lets the user name another, with an id of their own', () => {
    expect(newExperiment('f', 'Class weights', new Date('2026-01-01T00:00:00Z'), { id: 'exp-x', description: 'why' })).toMatchObject({ id: 'exp-x', name: 'Class weights', description: 'why' })
  })

  it('names a bad name or date', () => {
    expect(() => checkExperimentName('')).toThrow('experiment: name "" is not allowed; expected 1 to 120 characters of text')
    expect(() => newExperiment('f', 'x', 'soon')).toThrow('experiment: time "soon" is not a valid date')
  })

  it('names a default experiment after the dataset, or its fingerprint when it has no name', () => {
    expect(defaultExperimentName('d.csv', 'f')).toBe('d.csv')
    expect(defaultExperimentName('  ', 'f')).toBe('dataset f')
  })

  it('derives the experiments old runs imply: one per dataset, dated from its earliest run', () => {
    const runs = [
      makeRun('b', '2026-02-01T00:00:00Z'),
      makeRun('a', '2026-01-01T00:00:00Z'),
      makeRun('c', '2026-03-01T00:00:00Z', { dataset: { name: 'other.csv', fingerprint: 'g', rows: 1, columns: 1 } }),
    ].map(migrateRun)
    expect(experimentsForRuns(runs).map((e) => [e.id, e.name, e.createdAt])).toEqual([
      ['exp-f', 'd.csv', '2026-01-01T00:00:00.000Z'],
      ['exp-g', 'other.csv', '2026-03-01T00:00:00.000Z'],
    ])
  })
})
