/**
 * A saved pipeline re-run on new data against a registry directory, as
 * `npm run pipeline` runs it: champion/challenger on constructed data (the
 * first model with nothing in Production, a better challenger, a worse one
 * trained on a label-noised copy) with their history entries and bundle
 * stages, the model server's store following the promotion, and a recipe
 * that no longer fits failing at the clean stage with the directory
 * byte-for-byte unchanged.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ModelBundleV2 } from '../../../src/core/bundle/bundle'
import type { RegisteredModel } from '../../../src/core/tracking/registry'
import { runPipeline } from '../../../src/core/workflow/run-pipeline'
import { STAGE_NAMES, type PipelineRunRecord, type StageRecord } from '../../../src/core/workflow/types'
import { DirectoryRegistry } from '../../../src/node/registry/directory-registry'
import { createLogger } from '../../../src/node/server/logging'
import { buildServer } from '../../../src/node/server/app'
import { ModelStore } from '../../../src/node/server/model-store'
import { msLabelNoise, msRows, msSpec, msWithout } from '../core/workflow/support'

const dirs: string[] = []
function tempRegistry(): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-pipeline-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const spec = msSpec()
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T

async function run(dir: string, bytes: Uint8Array, fileName: string, events?: StageRecord[]): Promise<PipelineRunRecord> {
  return runPipeline(spec, { bytes, fileName }, { registry: new DirectoryRegistry(dir), onStage: (r) => events?.push(r) })
}

/** Every file under `dir` with its bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.set(relative(dir, path), readFileSync(path))
    }
  }
  walk(dir)
  return files
}

const silent = createLogger({ level: 'silent' })

describe('champion/challenger on constructed data', () => {
  const dir = tempRegistry()
  const model = () => readJson<RegisteredModel>(join(dir, 'ms-response', 'registry.json'))
  const bundle = (v: number) => readJson<ModelBundleV2>(join(dir, 'ms-response', `v${v}.json`))
  let store: ModelStore
  const first: StageRecord[] = []
  let runs: PipelineRunRecord[] = []
  let servedBefore: string | undefined

  beforeAll(async () => {
    // 100 rows train a weaker model than the whole file; the third file has 30% of its labels flipped.
    runs = [await run(dir, msRows(0, 100), 'first-100.csv', first)]
    store = await ModelStore.open(dir, { logger: silent, rescanMs: 0 })
    servedBefore = store.snapshot.resolve('MS response')?.version
    runs.push(await run(dir, msRows(), 'ms-treatment.csv'))
  })
  afterAll(() => store?.close())

  it('records every stage of a run in order, with rows in and out', () => {
    const [record] = runs
    expect(record.stages.map((s) => s.stage)).toEqual(STAGE_NAMES)
    expect(record.stages.every((s) => s.status === 'done' && s.error === null && typeof s.durationMs === 'number' && s.messages.length > 0)).toBe(true)
    const rows = Object.fromEntries(record.stages.map((s) => [s.stage, [s.rowsIn, s.rowsOut]]))
    expect(rows.load).toEqual([null, 100])
    expect(rows.validate).toEqual([100, 100])
    expect(rows.clean[0]).toBe(100)
    expect(rows.clean[1]).toBeLessThan(100)
    expect(rows.features[0]).toBe(rows.clean[1])
    expect(rows.train[0]).toBe(rows.features[1])
    // Training rows and locked test rows split the labelled rows.
    expect((rows.train[1] as number) + (rows.evaluate[0] as number)).toBe(rows.features[1])
    expect(rows.evaluate[1]).toBe(rows.evaluate[0])
    expect(record.data).toMatchObject({ name: 'first-100.csv', rows: 100 })
    // onStage saw each stage start and finish, in order.
    expect(first.map((r) => `${r.stage}:${r.status}`)).toEqual(STAGE_NAMES.flatMap((s) => [`${s}:running`, `${s}:done`]))
  })

  it('promotes the first model when nothing is in Production', () => {
    const [record] = runs
    expect(record.outcome).toBe('promoted')
    expect(record.registered).toEqual({ name: 'MS response', version: 1 })
    expect(record.decision).toMatchObject({ promoted: true, champion: null, gain: null, goldenPassed: true })
    expect(record.decision?.comment).toBe(`promoted: AUC ${record.decision?.challenger.value.toFixed(3)}; no version was in Production`)
    expect(model().history.slice(0, 2)).toEqual([
      expect.objectContaining({ version: 1, from: 'None', to: 'Staging', comment: 'pipeline ms-response: challenger' }),
      expect.objectContaining({ version: 1, from: 'Staging', to: 'Production', comment: record.decision?.comment }),
    ])
  })

  it('promotes a better challenger and archives the old version, with the numbers in the history', () => {
    const record = runs[1]
    const d = record.decision
    expect(record.outcome).toBe('promoted')
    expect(d?.champion?.version).toBe(1)
    expect(d?.gain).toBeGreaterThanOrEqual(0.005)
    expect(d?.gain).toBeCloseTo((d?.challenger.value ?? 0) - (d?.champion?.value ?? 0), 12)
    expect(d?.comment).toBe(`promoted: AUC ${d?.challenger.value.toFixed(3)} vs ${d?.champion?.value.toFixed(3)}, +${d?.gain?.toFixed(3)} ≥ 0.005`)
    // The challenger scored through the Predictor on raw test rows agrees with training's own held-out AUC.
    expect(d?.challenger.value).toBeCloseTo(bundle(2).metrics.heldOut.auc as number, 12)
    expect(model().history.slice(2)).toEqual([
      expect.objectContaining({ version: 2, from: 'None', to: 'Staging', comment: 'pipeline ms-response: challenger' }),
      expect.objectContaining({ version: 1, from: 'Production', to: 'Archived', comment: 'archived automatically: version 2 promoted to Production' }),
      expect.objectContaining({ version: 2, from: 'Staging', to: 'Production', comment: d?.comment }),
    ])
    expect(model().versions.map((v) => [v.version, v.stage])).toEqual([[1, 'Archived'], [2, 'Production']])
    expect(bundle(1).registry).toMatchObject({ name: 'MS response', version: 1, stage: 'Archived' })
    expect(bundle(2).registry).toMatchObject({ name: 'MS response', version: 2, stage: 'Production' })
  })

  it('lets the model server answer the bare name with the promoted version', async () => {
    // The store was opened after the first run, when version 1 was in Production; a rescan (what its watcher triggers) swaps in version 2.
    expect(servedBefore).toBe('1')
    await store.rescan()
    expect(store.snapshot.resolve('MS response')?.version).toBe('2')
    const fresh = await ModelStore.open(dir, { logger: silent, rescanMs: 0 })
    const { app } = await buildServer({ store: fresh, logger: silent, processMetrics: false })
    try {
      expect(fresh.snapshot.resolve('MS response')).toMatchObject({ version: '2', stage: 'Production' })
      expect(fresh.snapshot.resolve('MS response', '1')).toMatchObject({ stage: 'Archived' })
      // Over HTTP, as `npm run serve -- --model <dir>` answers: the bare name is the Production version.
      const record = { age: 41, gender: 'F', ms_type: 'RRMS', treatment: 'Fingolimod', lesion_count: 26, lesion_volume_ml: 5.72, whole_brain_volume_ml: 1360.4, edss: 3.5 }
      const response = await app.inject({ method: 'POST', url: '/invocations?model=MS%20response', payload: { dataframe_records: [record] } })
      expect(response.statusCode).toBe(200)
      expect(response.headers['x-model-version']).toBe('2')
      expect(Object.keys(response.json().predictions[0].probabilities).sort()).toEqual(['no', 'yes'])
    } finally {
      fresh.close()
      await app.close()
    }
  })

  it('keeps Production when the challenger learned from label-noised data, and says so in the history', async () => {
    const record = await run(dir, msLabelNoise(0.3, 1), 'ms-noisy.csv')
    const d = record.decision
    expect(record.outcome).toBe('kept')
    expect(record.registered).toEqual({ name: 'MS response', version: 3 })
    expect(d).toMatchObject({ promoted: false, champion: { version: 2 }, challenger: { version: 3 } })
    expect(d?.gain).toBeLessThan(0)
    expect(d?.comment).toBe(`kept version 2: AUC ${d?.challenger.value.toFixed(3)} vs ${d?.champion?.value.toFixed(3)}, −${Math.abs(d?.gain ?? 0).toFixed(3)} < 0.005`)
    expect(model().history.at(-1)).toEqual(expect.objectContaining({ version: 3, from: 'None', to: 'Staging', comment: d?.comment }))
    expect(model().versions.map((v) => [v.version, v.stage])).toEqual([[1, 'Archived'], [2, 'Production'], [3, 'Staging']])
    expect(bundle(3).registry?.stage).toBe('Staging')
    await store.rescan()
    expect(store.snapshot.resolve('MS response')?.version).toBe('2')
    expect(store.snapshot.resolve('MS response', '3')?.stage).toBe('Staging')
  })
})

describe('a stage that fails', () => {
  it('stops at the clean stage naming the columns the new file lacks, and leaves the registry untouched', async () => {
    const dir = tempRegistry()
    await run(dir, msRows(), 'ms-treatment.csv')
    const before = snapshot(dir)
    const record = await run(dir, msWithout('edss'), 'ms-without-edss.csv')
    expect(record.outcome).toBe('failed')
    expect(record.decision).toBeNull()
    expect(record.registered).toBeNull()
    expect(record.stages.map((s) => s.status)).toEqual(['done', 'done', 'failed', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped'])
    const clean = record.stages[2]
    expect(clean.error?.code).toBe('recipe-missing-columns')
    expect(clean.error?.message).toContain('"edss"')
    expect(clean.messages.at(-1)).toMatch(/^A column the recipe needs is not in "ms-without-edss.csv": "edss"/)
    expect(clean.rowsIn).toBe(1500)
    expect(clean.rowsOut).toBeNull()
    expect(snapshot(dir)).toEqual(before)
  })

  it('stops at the validate stage when the target is gone', async () => {
    const dir = tempRegistry()
    const record = await run(dir, msWithout('treatment_response'), 'no-target.csv')
    expect(record.stages.map((s) => s.status).slice(0, 3)).toEqual(['done', 'failed', 'skipped'])
    expect(record.stages[1].error).toEqual({ code: 'pipeline-target-missing', message: expect.stringContaining('"treatment_response"') })
    expect(readdirSync(dir)).toEqual([])
  })

  it('reports a file that cannot be read at the load stage', async () => {
    const dir = tempRegistry()
    const record = await run(dir, new Uint8Array(0), 'empty.csv')
    expect(record.stages[0]).toMatchObject({ status: 'failed', error: { code: 'empty-file' } })
    expect(record.stages.slice(1).every((s) => s.status === 'skipped')).toBe(true)
    expect(record.data.rows).toBeNull()
  })
})
