import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getRunBundle } from '../../../src/services/storage/artifacts'
import { getDataset, saveDataset } from '../../../src/services/storage/datasets'
import { DB_NAME, DB_VERSION, StorageFullError, closeStorage } from '../../../src/services/storage/db'
import { createExperiment, describeExperiment, getExperiment, getOrCreateExperimentForDataset, listExperiments, renameExperiment } from '../../../src/services/storage/experiments'
import { listRegisteredModels } from '../../../src/services/storage/registry'
import { RUN_SCHEMA_VERSION, type RunRecord, deleteRun, getRun, listRuns, markInterruptedRuns, markRunInterrupted, saveRun, updateRunMeta } from '../../../src/services/storage/runs'
import { exportExperiment } from '../../../src/services/storage/transfer'
import { makeRun, schema1Run, schema2Run, tinyBundle } from '../core/tracking/fixtures'
import { fillDiskAfter, openRaw, readRaw } from './db-helpers'

function run(id: string, startedAt: string, status: RunRecord['status'] = 'finished'): RunRecord {
  return {
    schemaVersion: RUN_SCHEMA_VERSION, id, status, startedAt, finishedAt: null, durationMs: 10,
    dataset: { name: 'd.csv', fingerprint: 'f', rows: 10, columns: 2 }, target: 'y', task: 'binary', features: ['x'],
    family: 'logistic', params: { C: 1 }, seed: 1, testShare: 0.2, metrics: { auc: 0.9 }, confusion: null, roc: null,
    featureImportance: [], iterations: 3, error: null, bundle: null, recipe: null, pipelineConfig: null,
  }
}

afterEach(async () => {
  closeStorage()
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(DB_NAME)
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
})

describe('schema upgrade', () => {
  it('migrates a version 1 database: runs kept and completed, datasets store added', async () => {
    // Build the database exactly as the first schema did, with a schema-1 run record.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1)
      request.onupgradeneeded = () => {
        const runs = request.result.createObjectStore('runs', { keyPath: 'id' })
        runs.createIndex('startedAt', 'startedAt')
        const old: Record<string, unknown> = { ...run('old', '2025-12-01T00:00:00Z'), schemaVersion: 1 }
        delete old.recipe
        delete old.pipelineConfig
        runs.put(old)
      }
      request.onsuccess = () => {
        request.result.close()
        resolve()
      }
      request.onerror = () => reject(request.error)
    })
    const [migrated] = await listRuns()
    // Schema 2 at the time this test was written; the current schema since (see 'upgrade to version 3' below).
    expect(migrated).toMatchObject({ id: 'old', schemaVersion: RUN_SCHEMA_VERSION, recipe: null, pipelineConfig: null, metrics: { auc: 0.9 } })
    await saveDataset({ schemaVersion: 1, fingerprint: 'abc', name: 'd.csv', columns: ['x'], recipe: null, target: 'y', updatedAt: 'now' })
    expect((await getDataset('abc'))?.target).toBe('y')
  })
})

describe('model bundles as artifacts (database 4)', () => {
  it('keeps bundles out of listed runs, with a summary, and returns them with getRun', async () => {
    await saveRun(makeRun('a', '2026-01-01T00:00:00Z'))
    const [listed] = await listRuns()
    expect(listed.bundle).toBeNull()
    expect(listed.bundleSummary).toMatchObject({ labels: tinyBundle().target.labels, testRows: tinyBundle().training.testRows })
    expect((await getRun('a'))?.bundle).toEqual(tinyBundle())
    expect(await getRunBundle('a')).toEqual(tinyBundle())
    // Saving the listed (bundle-less) record again keeps the artifact.
    await saveRun({ ...listed, note: 'kept' })
    expect(await getRunBundle('a')).toEqual(tinyBundle())
    await deleteRun('a')
    expect(await getRunBundle('a')).toBeNull()
  })

  it('moves bundles stored inline by a version 1 database into artifacts on upgrade', async () => {
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1)
      request.onupgradeneeded = () => {
        const runs = request.result.createObjectStore('runs', { keyPath: 'id' })
        runs.createIndex('startedAt', 'startedAt')
        const old: Record<string, unknown> = { ...makeRun('inline', '2025-12-01T00:00:00Z'), schemaVersion: 1 }
        delete old.recipe
        delete old.pipelineConfig
        runs.put(old)
      }
      request.onsuccess = () => {
        request.result.close()
        resolve()
      }
      request.onerror = () => reject(request.error)
    })
    const [listed] = await listRuns()
    expect(listed).toMatchObject({ id: 'inline', bundle: null, bundleSummary: { labels: tinyBundle().target.labels } })
    expect((await getRun('inline'))?.bundle).toEqual(tinyBundle())
    const exported = JSON.parse(await exportExperiment(listed.experimentId))
    expect(exported.runs[0].bundle).toEqual(tinyBundle())
  })
})

describe('run storage', () => {
  it('saves, lists newest first, reads and deletes runs', async () => {
    await saveRun(run('a', '2026-01-01T00:00:00Z'))
    await saveRun(run('b', '2026-02-01T00:00:00Z'))
    expect((await listRuns()).map((r) => r.id)).toEqual(['b', 'a'])
    expect((await getRun('a'))?.metrics).toEqual({ auc: 0.9 })
    await deleteRun('a')
    expect((await listRuns()).map((r) => r.id)).toEqual(['b'])
  })

  it('marks runs left running by a closed page as failed', async () => {
    await saveRun(run('r', '2026-01-01T00:00:00Z', 'running'))
    await saveRun(run('f', '2026-01-02T00:00:00Z'))
    expect(await markInterruptedRuns()).toBe(1)
    const r = await getRun('r')
    expect(r?.status).toBe('failed')
    expect(r?.error).toMatch(/closed or reloaded/)
    expect((await getRun('f'))?.status).toBe('finished')
  })

  it('marks one run failed only while it is still running', async () => {
    await saveRun(run('r', '2026-01-01T00:00:00Z', 'running'))
    await saveRun(run('f', '2026-01-02T00:00:00Z'))
    expect(await markRunInterrupted('r')).toBe(true)
    expect(await getRun('r')).toMatchObject({ status: 'failed', error: expect.stringMatching(/closed or reloaded/), finishedAt: '2026-01-01T00:00:00Z' })
    // A finished run, an already failed one and an unknown id are left as they are.
    expect(await markRunInterrupted('f')).toBe(false)
    expect(await markRunInterrupted('r')).toBe(false)
    expect(await markRunInterrupted('missing')).toBe(false)
    expect((await getRun('f'))?.status).toBe('finished')
  })

  it('turns a full disk into a StorageFullError that says what to do', async () => {
    const { IDBObjectStore } = globalThis as unknown as { IDBObjectStore: { prototype: { put: () => unknown } } }
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    try {
      await expect(saveRun(run('q', '2026-01-01T00:00:00Z'))).rejects.toThrow(/storage for this site is full.*Delete old runs/)
    } finally {
      spy.mockRestore()
    }
  })
})

// ─── Issue 6: experiments, tags and notes, upgrade to version 3 ──────────────

/** The version-2 studio's own upgrade step, replayed by hand: datasets store, runs brought to schema 2. */
function upgradeToVersion2(db: IDBDatabase, tx: IDBTransaction, oldVersion: number): void {
  if (oldVersion < 1) db.createObjectStore('runs', { keyPath: 'id' }).createIndex('startedAt', 'startedAt')
  db.createObjectStore('datasets', { keyPath: 'fingerprint' })
  const cursorRequest = tx.objectStore('runs').openCursor()
  cursorRequest.onsuccess = () => {
    const cursor = cursorRequest.result
    if (!cursor) return
    if ((cursor.value.schemaVersion ?? 1) < 2) cursor.update({ ...cursor.value, recipe: null, pipelineConfig: null, schemaVersion: 2 })
    cursor.continue()
  }
}

const other = { name: 'other.csv', fingerprint: 'g', rows: 5, columns: 3 }

describe('upgrade to version 3', () => {
  it('from the first schema through 2 to 3: runs migrated, experiments created, datasets kept', async () => {
    await openRaw(1, (db) => {
      const runs = db.createObjectStore('runs', { keyPath: 'id' })
      runs.createIndex('startedAt', 'startedAt')
      runs.put(schema1Run('a1', '2025-02-01T00:00:00Z'))
      runs.put(schema1Run('a0', '2025-01-01T00:00:00Z'))
      runs.put(schema1Run('b0', '2025-03-01T00:00:00Z', { dataset: other }))
    })
    await openRaw(2, (db, tx, oldVersion) => {
      expect(oldVersion).toBe(1)
      upgradeToVersion2(db, tx, oldVersion)
      tx.objectStore('datasets').put({ schemaVersion: 1, fingerprint: 'f', name: 'd.csv', columns: ['x'], recipe: null, target: 'y', updatedAt: 'then' })
    })
    const intermediate = (await readRaw('runs')) as { schemaVersion: number }[]
    expect(intermediate.map((r) => r.schemaVersion)).toEqual([2, 2, 2])

    const runs = await listRuns()
    expect(runs.map((r) => [r.id, r.schemaVersion, r.experimentId, r.tags, r.note, r.recipe])).toEqual([
      ['b0', 3, 'exp-g', [], '', null],
      ['a1', 3, 'exp-f', [], '', null],
      ['a0', 3, 'exp-f', [], '', null],
    ])
    // Stored migrated, not only migrated on read.
    expect(((await readRaw('runs')) as { schemaVersion: number }[]).every((r) => r.schemaVersion === 3)).toBe(true)
    const experiments = await listExperiments()
    expect(experiments.map((e) => [e.id, e.name, e.datasetFingerprint, e.createdAt])).toEqual([
      ['exp-g', 'other.csv', 'g', '2025-03-01T00:00:00.000Z'],
      ['exp-f', 'd.csv', 'f', '2025-01-01T00:00:00.000Z'], // dated from the dataset's earliest run
    ])
    expect((await listRuns({ experimentId: 'exp-f' })).map((r) => r.id)).toEqual(['a1', 'a0'])
    expect((await getDataset('f'))?.updatedAt).toBe('then')
    expect(await listRegisteredModels()).toEqual([])
  })

  it('from version 1 straight to 3 (a studio that skipped a release)', async () => {
    await openRaw(1, (db) => {
      const runs = db.createObjectStore('runs', { keyPath: 'id' })
      runs.createIndex('startedAt', 'startedAt')
      runs.put(schema1Run('old', '2025-01-01T00:00:00Z'))
    })
    expect(await getRun('old')).toMatchObject({ schemaVersion: 3, recipe: null, pipelineConfig: null, experimentId: 'exp-f', tags: [], note: '' })
    expect((await listExperiments()).map((e) => e.id)).toEqual(['exp-f'])
    await saveDataset({ schemaVersion: 1, fingerprint: 'f', name: 'd.csv', columns: ['x'], recipe: null, target: 'y', updatedAt: 'now' })
  })

  it('from version 2 to 3: schema-2 fields kept, tracking fields added', async () => {
    const recipe = { version: 1, steps: [] } as unknown as RunRecord['recipe']
    await openRaw(2, (db, tx, oldVersion) => {
      upgradeToVersion2(db, tx, oldVersion)
      tx.objectStore('runs').put(schema2Run('r', '2025-06-01T00:00:00Z', { recipe }))
      tx.objectStore('runs').put(schema2Run('s', '2025-07-01T00:00:00Z', { dataset: other, status: 'failed', bundle: null }))
    })
    const r = await getRun('r')
    expect(r).toMatchObject({ schemaVersion: 3, recipe, experimentId: 'exp-f', tags: [], note: '' })
    expect((await listExperiments()).map((e) => e.id).sort()).toEqual(['exp-f', 'exp-g'])
    expect((await listRuns({ experimentId: 'exp-g' })).map((x) => x.id)).toEqual(['s'])
  })

  it('creates every store on a new database', async () => {
    expect(DB_VERSION).toBe(6)
    expect(await listRuns()).toEqual([])
    expect(await listExperiments()).toEqual([])
    expect(await listRegisteredModels()).toEqual([])
  })
})

describe('runs in experiments', () => {
  it("files a run under its dataset's experiment, creating it on first use", async () => {
    await saveRun(makeRun('a', '2026-01-01T00:00:00Z'))
    await saveRun(makeRun('b', '2026-01-02T00:00:00Z', { dataset: other }))
    expect(await getRun('a')).toMatchObject({ schemaVersion: 3, experimentId: 'exp-f', tags: [], note: '' })
    expect(await getExperiment('exp-f')).toMatchObject({ name: 'd.csv', datasetFingerprint: 'f', createdAt: '2026-01-01T00:00:00.000Z' })
    expect((await listRuns({ experimentId: 'exp-g' })).map((r) => r.id)).toEqual(['b'])
    expect((await listRuns()).map((r) => r.id)).toEqual(['b', 'a'])
  })

  it('keeps tags and note when the training page saves the run again (running, then finished)', async () => {
    const running = makeRun('a', '2026-01-01T00:00:00Z', { status: 'running', bundle: null })
    await saveRun(running)
    await updateRunMeta('a', { tags: ['baseline'], note: 'first try' })
    await saveRun({ ...running, status: 'finished', bundle: tinyBundle() })
    expect(await getRun('a')).toMatchObject({ status: 'finished', tags: ['baseline'], note: 'first try', experimentId: 'exp-f' })
  })

  it('refuses a run naming an experiment that does not exist', async () => {
    await expect(saveRun(makeRun('a', '2026-01-01T00:00:00Z', { experimentId: 'exp-nope' }))).rejects.toThrow(
      /storage: run "a" names experiment "exp-nope", which does not exist/,
    )
    expect(await listRuns()).toEqual([])
  })

  it('updates tags and note, tidying tags, and moves a run to a named experiment', async () => {
    await saveRun(makeRun('a', '2026-01-01T00:00:00Z'))
    const mine = await createExperiment('Class weights', 'f', 'trying weights')
    const updated = await updateRunMeta('a', { tags: [' weighted ', 'Weighted', 'v2'], note: 'better recall', experimentId: mine.id })
    expect(updated).toMatchObject({ tags: ['weighted', 'v2'], note: 'better recall', experimentId: mine.id })
    expect((await listRuns({ experimentId: mine.id })).map((r) => r.id)).toEqual(['a'])
    expect(await listRuns({ experimentId: 'exp-f' })).toEqual([])
    // Fields left out stay.
    expect(await updateRunMeta('a', { note: 'n2' })).toMatchObject({ tags: ['weighted', 'v2'], note: 'n2' })
  })

  it('names what is wrong with a run update, and changes nothing', async () => {
    await saveRun(makeRun('a', '2026-01-01T00:00:00Z'))
    await expect(updateRunMeta('zz', { note: 'x' })).rejects.toThrow('storage: no run with id "zz"')
    await expect(updateRunMeta('a', { tags: ['ok', ''] })).rejects.toThrow('run: tag "" is empty')
    await expect(updateRunMeta('a', { note: 'x', experimentId: 'exp-zz' })).rejects.toThrow('storage: experiment "exp-zz" does not exist; run "a" was not moved')
    expect(await getRun('a')).toMatchObject({ tags: [], note: '', experimentId: 'exp-f' })
  })
})

describe('experiments', () => {
  it("returns a dataset's experiment, creating it once", async () => {
    const first = await getOrCreateExperimentForDataset('f', 'd.csv')
    const again = await getOrCreateExperimentForDataset('f', 'renamed.csv')
    expect(again).toEqual(first)
    expect(first).toMatchObject({ id: 'exp-f', name: 'd.csv', description: '', schemaVersion: 1 })
  })

  it('renames and describes experiments, naming bad input', async () => {
    await getOrCreateExperimentForDataset('f', 'd.csv')
    expect(await renameExperiment('exp-f', '  Sepsis 2026 ')).toMatchObject({ name: 'Sepsis 2026' })
    expect(await describeExperiment('exp-f', 'ICU admissions')).toMatchObject({ name: 'Sepsis 2026', description: 'ICU admissions' })
    await expect(renameExperiment('exp-f', ' ')).rejects.toThrow('experiment: name " " is not allowed')
    await expect(renameExperiment('exp-zz', 'x')).rejects.toThrow('storage: no experiment with id "exp-zz"')
    await expect(createExperiment('', 'f')).rejects.toThrow(/name "" is not allowed/)
  })

  it('lists experiments newest first, user-named ones beside the default', async () => {
    await saveRun(makeRun('a', '2020-01-01T00:00:00Z'))
    const mine = await createExperiment('Mine', 'f')
    expect((await listExperiments()).map((e) => e.id)).toEqual([mine.id, 'exp-f'])
  })
})

describe('quota', () => {
  it('says how full storage is and what was lost, when the browser gives an estimate', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({ usage: 52_400_000, quota: 60_000_000 }) } })
    const restore = fillDiskAfter(1)
    try {
      const error = await saveRun(makeRun('a', '2026-01-01T00:00:00Z')).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(StorageFullError)
      expect((error as Error).message).toBe(
        "The browser's storage for this site is full (52.4 MB used of 60 MB). Delete old runs or artifacts to free space; this run was not saved.",
      )
      expect(error).toMatchObject({ usageBytes: 52_400_000, quotaBytes: 60_000_000 })
    } finally {
      restore()
      vi.unstubAllGlobals()
    }
    expect(await listRuns()).toEqual([])
  })

  it('guards run metadata and experiment writes too', async () => {
    await saveRun(makeRun('a', '2026-01-01T00:00:00Z'))
    const restore = fillDiskAfter(1)
    try {
      await expect(updateRunMeta('a', { note: 'x' })).rejects.toThrow(/full.*the change was not saved/)
      await expect(createExperiment('Mine', 'f')).rejects.toThrow(/full.*the experiment was not created/)
    } finally {
      restore()
    }
    expect((await getRun('a'))?.note).toBe('')
  })
})
