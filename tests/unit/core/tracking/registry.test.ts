import { describe, expect, it } from 'vitest'
import { StudioError } from '../../../../src/core/errors'
import {
  addModelVersion,
  checkModelName,
  createRegisteredModel,
  productionVersion,
  transition,
  versionsOfRun,
  type RegisteredModel,
} from '../../../../src/core/tracking/registry'
import { stageAt } from '../../../../src/core/tracking/stage-history'

/** A model "Sepsis" with versions 1..n for runs r1..rn, registered on 2026-03-01. */
function modelWith(n: number): RegisteredModel {
  let model = createRegisteredModel('Sepsis', '2026-03-01T08:00:00Z')
  for (let i = 1; i <= n; i++) model = addModelVersion(model, `r${i}`, `run ${i}`, '2026-03-01T09:00:00Z').model
  return model
}

describe('registered models and versions', () => {
  it('numbers versions 1, 2, 3 in order of registration, each in stage None', () => {
    const model = modelWith(3)
    expect(model.versions.map((v) => [v.version, v.runId, v.stage])).toEqual([[1, 'r1', 'None'], [2, 'r2', 'None'], [3, 'r3', 'None']])
    expect(model.history).toEqual([])
  })

  it('refuses to register the same run twice in one model, naming the version', () => {
    expect(() => addModelVersion(modelWith(2), 'r2', '', '2026-03-01T10:00:00Z')).toThrow('registry: run "r2" is already version 2 of "Sepsis"')
  })

  it('checks model names, naming the bad one', () => {
    expect(checkModelName('  Sepsis risk ')).toBe('Sepsis risk')
    expect(() => checkModelName('   ')).toThrow('registry: model name "   " is not allowed')
    expect(() => checkModelName('x'.repeat(121))).toThrow(/1 to 120 characters/)
  })
})

describe('transition', () => {
  it('moves a version and returns the history entry', () => {
    const before = modelWith(1)
    const { model, entry, archived } = transition(before, 1, 'Staging', 'looks good', '2026-03-01T10:00:00Z')
    expect(entry).toEqual({ version: 1, from: 'None', to: 'Staging', at: '2026-03-01T10:00:00.000Z', comment: 'looks good' })
    expect(archived).toBeNull()
    expect(model.versions[0].stage).toBe('Staging')
    expect(model.history).toEqual([entry])
    expect(before.versions[0].stage).toBe('None') // the input is never changed
  })

  it('allows one Production version: promoting another without archiveExisting is refused and changes nothing', () => {
    const live = transition(modelWith(2), 1, 'Production', '', '2026-03-01T10:00:00Z').model
    const snapshot = structuredClone(live)
    let error: unknown
    try {
      transition(live, 2, 'Production', '', '2026-03-02T10:00:00Z')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(StudioError)
    expect((error as StudioError).code).toBe('registry-production-taken')
    expect((error as Error).message).toBe(
      'registry: version 1 of "Sepsis" is in Production; archive it first, or promote version 2 with archiveExisting to archive it automatically',
    )
    expect(live).toEqual(snapshot)
    expect(() => transition(live, 2, 'Production', '', '2026-03-02T10:00:00Z', { archiveExisting: false })).toThrow(/version 1 of "Sepsis" is in Production/)
  })

  it('with archiveExisting archives the old Production version and records both moves, archiving first', () => {
    const live = transition(modelWith(2), 1, 'Production', 'first', '2026-03-01T10:00:00Z').model
    const { model, entry, archived } = transition(live, 2, 'Production', 'better AUC', '2026-03-02T10:00:00Z', { archiveExisting: true })
    expect(model.versions.map((v) => v.stage)).toEqual(['Archived', 'Production'])
    expect(archived).toMatchObject({ version: 1, from: 'Production', to: 'Archived', at: '2026-03-02T10:00:00.000Z' })
    expect(entry).toEqual({ version: 2, from: 'None', to: 'Production', at: '2026-03-02T10:00:00.000Z', comment: 'better AUC' })
    expect(model.history.slice(-2)).toEqual([archived, entry])
    expect(productionVersion(model)?.version).toBe(2)
    expect(model.versions.filter((v) => v.stage === 'Production')).toHaveLength(1)
  })

  it('lets several versions sit in Staging', () => {
    let model = modelWith(2)
    model = transition(model, 1, 'Staging', '', '2026-03-01T10:00:00Z').model
    model = transition(model, 2, 'Staging', '', '2026-03-01T11:00:00Z').model
    expect(model.versions.map((v) => v.stage)).toEqual(['Staging', 'Staging'])
  })

  it('names the bad value: unknown version, unknown stage, same stage, bad time', () => {
    const model = modelWith(2)
    expect(() => transition(model, 7, 'Staging', '', '2026-03-01T10:00:00Z')).toThrow('registry: model "Sepsis" has no version 7; its versions are 1, 2')
    expect(() => transition(createRegisteredModel('Empty', '2026-03-01T00:00:00Z'), 1, 'Staging', '', '2026-03-01T10:00:00Z')).toThrow(/it has no versions yet/)
    expect(() => transition(model, 1, 'Prod' as never, '', '2026-03-01T10:00:00Z')).toThrow('registry: stage "Prod" is not one of None, Staging, Production, Archived')
    expect(() => transition(model, 1, 'None', '', '2026-03-01T10:00:00Z')).toThrow('registry: version 1 of "Sepsis" is already in None')
    expect(() => transition(model, 1, 'Staging', '', 'yesterday')).toThrow('registry: time "yesterday" is not a valid date')
  })
})

describe('stageAt: which version was in Production on a given day', () => {
  // v1 live on 1 March; v2 replaces it at 10:00 on 3 March; v3 registered on 4 March.
  function timeline(): RegisteredModel {
    let model = createRegisteredModel('Sepsis', '2026-02-28T08:00:00Z')
    model = addModelVersion(model, 'r1', '', '2026-02-28T09:00:00Z').model
    model = addModelVersion(model, 'r2', '', '2026-03-01T09:00:00Z').model
    model = transition(model, 1, 'Production', '', '2026-03-01T10:00:00Z').model
    model = transition(model, 2, 'Staging', '', '2026-03-02T15:00:00Z').model
    model = transition(model, 2, 'Production', '', '2026-03-03T10:00:00Z', { archiveExisting: true }).model
    model = addModelVersion(model, 'r3', '', '2026-03-04T09:00:00Z').model
    return model
  }

  it('answers 2026-03-02 with version 1, and gives every version stage that day', () => {
    const snapshot = stageAt(timeline(), '2026-03-02')
    expect(snapshot.production).toBe(1)
    expect(snapshot.at).toBe('2026-03-02T23:59:59.999Z')
    expect(snapshot.stages).toEqual([{ version: 1, stage: 'Production' }, { version: 2, stage: 'Staging' }])
  })

  it('counts a promotion during the day (end of day), and takes a full time as given', () => {
    const model = timeline()
    expect(stageAt(model, '2026-03-03').production).toBe(2)
    expect(stageAt(model, '2026-03-03T09:59:59Z').production).toBe(1)
    expect(stageAt(model, '2026-03-03T10:00:00Z').stages).toEqual([{ version: 1, stage: 'Archived' }, { version: 2, stage: 'Production' }])
  })

  it('has no Production version before the first promotion, and leaves out versions not yet registered', () => {
    const model = timeline()
    expect(stageAt(model, '2026-02-28')).toMatchObject({ production: null, stages: [{ version: 1, stage: 'None' }] })
    expect(stageAt(model, '2026-03-04').stages.map((s) => s.version)).toEqual([1, 2, 3])
  })

  it('names a bad date', () => {
    expect(() => stageAt(timeline(), '2 March')).toThrow('registry: date "2 March" is not a day ("2026-03-02") or an ISO date-time')
  })
})

describe('versionsOfRun', () => {
  it('finds every registered version pointing at a run, across models', () => {
    const a = transition(modelWith(2), 2, 'Production', '', '2026-03-01T10:00:00Z').model
    const b = addModelVersion(createRegisteredModel('Other', '2026-03-01T00:00:00Z'), 'r2', '', '2026-03-01T00:00:00Z').model
    expect(versionsOfRun([a, b], 'r2')).toEqual([{ model: 'Sepsis', version: 2, stage: 'Production' }, { model: 'Other', version: 1, stage: 'None' }])
    expect(versionsOfRun([a, b], 'r9')).toEqual([])
  })
})
