import { describe, expect, it } from 'vitest'
import { StudioError } from '../../../../src/core/errors'
import { newExperiment } from '../../../../src/core/tracking/experiment'
import { buildExperimentFile } from '../../../../src/core/tracking/experiment-file'
import { planImport } from '../../../../src/core/tracking/import-plan'
import { addModelVersion, createRegisteredModel } from '../../../../src/core/tracking/registry'
import { migrateRun } from '../../../../src/core/tracking/run-schema'
import { makeRun } from './fixtures'

const experiment = newExperiment('f', 'd.csv', '2026-01-01T00:00:00Z')
const model = addModelVersion(createRegisteredModel('Sepsis', '2026-03-01T00:00:00Z'), 'a', '', '2026-03-01T00:00:00Z').model
const file = buildExperimentFile({ experiment, runs: ['a', 'b', 'c'].map((id) => migrateRun(makeRun(id, '2026-01-01T00:00:00Z'))), registry: [model], now: '2026-03-05T00:00:00Z' })

describe('planImport', () => {
  it('writes everything into an empty store', () => {
    const plan = planImport(file, { experiment: undefined, runIds: new Set(), modelNames: new Set() }, 'fail')
    expect(plan.experiment).toEqual(experiment)
    expect(plan.runs.map((r) => r.id)).toEqual(['a', 'b', 'c'])
    expect(plan.models.map((m) => m.name)).toEqual(['Sepsis'])
    expect(plan.report).toEqual({
      experimentId: 'exp-f', experimentCreated: true,
      runs: { added: ['a', 'b', 'c'], replaced: [], skipped: [] },
      models: { added: ['Sepsis'], replaced: [], skipped: [] },
    })
  })

  it("'fail' refuses on any conflict and lists every id and name", () => {
    let error: unknown
    try {
      planImport(file, { experiment, runIds: new Set(['a', 'c', 'z']), modelNames: new Set(['Sepsis']) }, 'fail')
    } catch (e) {
      error = e
    }
    expect((error as StudioError).code).toBe('import-conflict')
    expect((error as Error).message).toBe(
      'import: runs "a", "c" already exist; registered model "Sepsis" already exists; nothing was imported. Import again with "skip" to keep what is here or "replace" to overwrite it',
    )
  })

  it("'skip' keeps what is there and adds the rest; an existing experiment is kept", () => {
    const plan = planImport(file, { experiment: { ...experiment, name: 'Renamed here' }, runIds: new Set(['a']), modelNames: new Set(['Sepsis']) }, 'skip')
    expect(plan.experiment).toBeNull()
    expect(plan.runs.map((r) => r.id)).toEqual(['b', 'c'])
    expect(plan.models).toEqual([])
    expect(plan.report.runs).toEqual({ added: ['b', 'c'], replaced: [], skipped: ['a'] })
    expect(plan.report.models.skipped).toEqual(['Sepsis'])
    expect(plan.report.experimentCreated).toBe(false)
  })

  it("'replace' overwrites conflicting runs, models and the experiment", () => {
    const plan = planImport(file, { experiment, runIds: new Set(['a']), modelNames: new Set(['Sepsis']) }, 'replace')
    expect(plan.experiment).toEqual(experiment)
    expect(plan.runs.map((r) => r.id)).toEqual(['a', 'b', 'c'])
    expect(plan.report.runs).toEqual({ added: ['b', 'c'], replaced: ['a'], skipped: [] })
    expect(plan.report.models.replaced).toEqual(['Sepsis'])
  })

  it('names a bad conflict policy', () => {
    expect(() => planImport(file, { experiment: undefined, runIds: new Set(), modelNames: new Set() }, 'merge' as never)).toThrow('import: onConflict "merge" is not one of skip, replace, fail')
  })
})
