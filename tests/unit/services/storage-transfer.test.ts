import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { StudioError } from '../../../src/core/errors'
import { EXPERIMENT_FILE_FORMAT } from '../../../src/core/tracking/experiment-file'
import { stageAt } from '../../../src/core/tracking/stage-history'
import { StorageFullError } from '../../../src/services/storage/db'
import { getExperiment, listExperiments, renameExperiment } from '../../../src/services/storage/experiments'
import { getRegisteredModel, listRegisteredModels, productionVersion, registerModel, transitionVersion } from '../../../src/services/storage/registry'
import { deleteRun, getRun, listRuns, saveRun, updateRunMeta } from '../../../src/services/storage/runs'
import { exportExperiment, importExperiment } from '../../../src/services/storage/transfer'
import { makeRun, schema1Run, tinyBundle } from '../core/tracking/fixtures'
import { fillDiskAfter, resetDatabase } from './db-helpers'

afterEach(resetDatabase)

const other = { name: 'other.csv', fingerprint: 'g', rows: 5, columns: 3 }

/** A studio with two experiments, tagged runs and a model with a history. */
async function populate(): Promise<void> {
  await saveRun(makeRun('a', '2026-01-01T00:00:00Z', { metrics: { auc: 0.81, accuracy: 0.7 } }))
  await saveRun(makeRun('b', '2026-01-02T00:00:00Z', { metrics: { auc: 0.86, accuracy: 0.75 }, family: 'boosting' }))
  await saveRun(makeRun('c', '2026-01-03T00:00:00Z', { status: 'failed', bundle: null, error: 'diverged' }))
  await saveRun(makeRun('z', '2026-01-04T00:00:00Z', { dataset: other }))
  await updateRunMeta('a', { tags: ['baseline'], note: 'defaults' })
  await updateRunMeta('b', { tags: ['tuned', 'candidate'] })
  await renameExperiment('exp-f', 'Sepsis 2026')
  await registerModel('Sepsis', 'a', 'baseline')
  await registerModel('Sepsis', 'b', 'tuned')
  await transitionVersion('Sepsis', 1, 'Production', 'first live')
  await transitionVersion('Sepsis', 2, 'Production', 'better AUC', { archiveExisting: true })
  await registerModel('Other', 'z')
}

/** Everything the store holds, for before/after comparisons. */
async function snapshot() {
  return { runs: await listRuns(), experiments: await listExperiments(), registry: await listRegisteredModels() }
}

describe('export and import', () => {
  it('round-trips: export, clear the database, import: identical runs, metrics, tags, notes and registry', async () => {
    await populate()
    const runs = await listRuns({ experimentId: 'exp-f' })
    const experiment = await getExperiment('exp-f')
    const sepsis = await getRegisteredModel('Sepsis')
    const text = await exportExperiment('exp-f')
    const file = JSON.parse(text)
    expect(file).toMatchObject({ format: EXPERIMENT_FILE_FORMAT, version: 1, experiment: { id: 'exp-f', name: 'Sepsis 2026' } })
    expect(file.runs.map((r: { id: string }) => r.id)).toEqual(['a', 'b', 'c'])
    expect(file.runs[0].bundle).toEqual(tinyBundle())
    expect(file.registry.map((m: { name: string }) => m.name)).toEqual(['Sepsis'])

    await resetDatabase()
    expect(await listRuns()).toEqual([])

    const report = await importExperiment(text, { onConflict: 'fail' })
    expect(report).toEqual({
      experimentId: 'exp-f', experimentCreated: true,
      runs: { added: ['a', 'b', 'c'], replaced: [], skipped: [] },
      models: { added: ['Sepsis'], replaced: [], skipped: [] },
    })
    expect(await listRuns()).toEqual(runs)
    expect(await getExperiment('exp-f')).toEqual(experiment)
    expect(await listRegisteredModels()).toEqual([sepsis])
    expect((await getRun('a'))?.metrics).toEqual({ auc: 0.81, accuracy: 0.7 })
    expect((await getRun('b'))?.tags).toEqual(['tuned', 'candidate'])
    expect((await productionVersion('Sepsis'))?.runId).toBe('b')
    expect(stageAt((await getRegisteredModel('Sepsis'))!, new Date().toISOString()).stages.map((s) => s.stage)).toEqual(['Archived', 'Production'])
  })

  it("'fail' on duplicate run ids imports nothing and lists the ids", async () => {
    await populate()
    const text = await exportExperiment('exp-f')
    await deleteRun('c')
    await updateRunMeta('a', { note: 'changed here' })
    const before = await snapshot()
    const error = await importExperiment(text, { onConflict: 'fail' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StudioError)
    expect((error as StudioError).code).toBe('import-conflict')
    expect((error as Error).message).toBe(
      'import: runs "a", "b" already exist; registered model "Sepsis" already exists; nothing was imported. Import again with "skip" to keep what is here or "replace" to overwrite it',
    )
    expect(await snapshot()).toEqual(before)
    expect(await getRun('c')).toBeUndefined() // the one new run was not imported either
  })

  it("'skip' adds only what is new; 'replace' overwrites", async () => {
    await populate()
    const text = await exportExperiment('exp-f')
    await deleteRun('c')
    await updateRunMeta('a', { note: 'changed here' })
    const skipped = await importExperiment(text, { onConflict: 'skip' })
    expect(skipped.runs).toEqual({ added: ['c'], replaced: [], skipped: ['a', 'b'] })
    expect(skipped.models.skipped).toEqual(['Sepsis'])
    expect((await getRun('a'))?.note).toBe('changed here')
    expect((await getRun('c'))?.error).toBe('diverged')

    const replaced = await importExperiment(text, { onConflict: 'replace' })
    expect(replaced.runs).toEqual({ added: [], replaced: ['a', 'b', 'c'], skipped: [] })
    expect((await getRun('a'))?.note).toBe('defaults')
  })

  it('imports a file of older runs, migrated, into the experiment it names', async () => {
    const text = JSON.stringify({
      format: EXPERIMENT_FILE_FORMAT, version: 1, exportedAt: '2026-01-01T00:00:00Z',
      experiment: { schemaVersion: 1, id: 'exp-shared', name: 'Shared by a colleague', description: '', datasetFingerprint: 'f', createdAt: '2025-01-01T00:00:00Z' },
      runs: [schema1Run('old', '2025-01-01T00:00:00Z')],
    })
    await importExperiment(text)
    expect(await getRun('old')).toMatchObject({ schemaVersion: 3, experimentId: 'exp-shared', recipe: null, tags: [], note: '' })
    expect((await listExperiments()).map((e) => e.name)).toEqual(['Shared by a colleague'])
  })

  it('refuses a bad file before touching the store', async () => {
    await populate()
    const before = await snapshot()
    await expect(importExperiment(JSON.stringify(tinyBundle()))).rejects.toThrow(/this is a model bundle, not an experiment/)
    const text = await exportExperiment('exp-f')
    await expect(importExperiment(text.slice(0, text.length - 10))).rejects.toThrow(/the file looks truncated/)
    await expect(importExperiment(text, { onConflict: 'merge' as never })).rejects.toThrow('import: onConflict "merge" is not one of skip, replace, fail')
    expect(await snapshot()).toEqual(before)
  })

  it('names an unknown experiment on export', async () => {
    await expect(exportExperiment('exp-zz')).rejects.toThrow('storage: no experiment with id "exp-zz" to export')
  })

  it('leaves the store unchanged when the disk fills up halfway through an import', async () => {
    await populate()
    const text = await exportExperiment('exp-f')
    await resetDatabase()
    await saveRun(makeRun('kept', '2026-02-01T00:00:00Z', { dataset: other }))
    const before = await snapshot()
    const restore = fillDiskAfter(3) // the experiment and one run are written, then the disk is full
    let error: unknown
    try {
      error = await importExperiment(text, { onConflict: 'fail' }).catch((e: unknown) => e)
    } finally {
      restore()
    }
    expect(error).toBeInstanceOf(StorageFullError)
    expect((error as Error).message).toMatch(/storage for this site is full\. Delete old runs or artifacts to free space; nothing was imported\.$/)
    expect(await snapshot()).toEqual(before)
    expect(await getExperiment('exp-f')).toBeUndefined()
  })
})
