import { describe, expect, it } from 'vitest'
import { experimentIdFor } from '../../../../src/core/tracking/experiment'
import { migrateRun, RUN_SCHEMA_VERSION, type RunRecord } from '../../../../src/core/tracking/run-schema'
import { makeRun, schema1Run, schema2Run } from './fixtures'

describe('migrateRun', () => {
  it('brings a schema 1 run to the current schema: no recipe or pipeline, dataset experiment, no tags, empty note', () => {
    const run = migrateRun(schema1Run('a', '2025-01-01T00:00:00Z') as unknown as RunRecord)
    expect(RUN_SCHEMA_VERSION).toBe(3)
    expect(run).toMatchObject({ schemaVersion: 3, recipe: null, pipelineConfig: null, experimentId: 'exp-f', tags: [], note: '', metrics: { auc: 0.9 } })
  })

  it('brings a schema 2 run to schema 3, keeping its recipe field', () => {
    const run = migrateRun(schema2Run('a', '2025-01-01T00:00:00Z') as unknown as RunRecord)
    expect(run).toMatchObject({ schemaVersion: 3, experimentId: experimentIdFor('f'), tags: [], note: '' })
  })

  it('is idempotent and keeps tracking fields already there', () => {
    const tagged = migrateRun(makeRun('a', '2025-01-01T00:00:00Z', { experimentId: 'exp-mine', tags: ['x'], note: 'n' }))
    expect(migrateRun(tagged)).toEqual(tagged)
    expect(tagged).toMatchObject({ experimentId: 'exp-mine', tags: ['x'], note: 'n' })
  })

  it('fills tracking fields a current-schema run left out (the training page builds runs without them)', () => {
    expect(migrateRun(makeRun('a', '2025-01-01T00:00:00Z'))).toMatchObject({ schemaVersion: 3, experimentId: 'exp-f', tags: [], note: '' })
  })

  it('does not change the record it is given', () => {
    const old = schema1Run('a', '2025-01-01T00:00:00Z') as unknown as RunRecord
    migrateRun(old)
    expect(old.schemaVersion).toBe(1)
    expect('tags' in old).toBe(false)
  })
})
