import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { pipelineSpecFromRun } from '../../../src/core/tracking/pipeline-from-run'
import { studioRegistryPort } from '../../../src/services/pipeline-registry'
import { getRegisteredModel } from '../../../src/services/storage/registry'
import { deleteRun, getRun, listRuns } from '../../../src/services/storage/runs'
import { makeRun, tinyBundle } from '../core/tracking/fixtures'
import { resetDatabase } from './db-helpers'

afterEach(resetDatabase)

const spec = pipelineSpecFromRun(makeRun('r0', '2026-01-01T00:00:00Z', { params: { C: 0.5 } }), { name: 'Sepsis nightly', modelName: 'Sepsis', now: new Date('2026-02-01T00:00:00Z') })
const clock = () => new Date('2026-03-01T12:00:00.000Z')

describe('the page registry port', () => {
  it('has no Production model before anything is registered', async () => {
    expect(await studioRegistryPort(spec).production('Sepsis')).toBeNull()
  })

  it('registers a challenger as a run the Runs page lists, a version the Registry page shows, and moves it', async () => {
    const port = studioRegistryPort(spec, { now: clock })
    const bundle = { ...tinyBundle(), metrics: { heldOut: { auc: 0.93 } } }
    const { version } = await port.register('Sepsis', bundle, 'pipeline Sepsis nightly: challenger')
    expect(version).toBe(1)
    const model = await getRegisteredModel('Sepsis')
    expect(model?.versions[0]).toMatchObject({ version: 1, stage: 'None', comment: 'pipeline Sepsis nightly: challenger' })
    const run = await getRun(model!.versions[0].runId)
    expect(run).toMatchObject({ status: 'finished', family: 'logistic', params: { C: 0.5 }, metrics: { auc: 0.93 }, tags: ['pipeline'], finishedAt: '2026-03-01T12:00:00.000Z' })
    expect(run?.note).toBe('Trained by pipeline "Sepsis nightly" on d.csv.')
    expect(run?.bundle?.metrics.heldOut.auc).toBe(0.93)

    await port.transition('Sepsis', 1, 'Staging', 'pipeline Sepsis nightly: challenger', false)
    await port.transition('Sepsis', 1, 'Production', 'promoted: AUC 0.930 (no version in Production)', true)
    const live = await port.production('Sepsis')
    expect(live?.version).toBe(1)
    expect((live?.bundle as { metrics: { heldOut: { auc: number } } }).metrics.heldOut.auc).toBe(0.93)
    expect((await getRegisteredModel('Sepsis'))?.history.map((h) => h.comment)).toEqual(['pipeline Sepsis nightly: challenger', 'promoted: AUC 0.930 (no version in Production)'])
  })

  it('refuses an invalid bundle without saving a run, and says when the Production run is gone', async () => {
    const port = studioRegistryPort(spec)
    await expect(port.register('Sepsis', { format: 'nope' }, '')).rejects.toThrow(/bundle: format/)
    expect(await listRuns()).toEqual([])
    const { version } = await port.register('Sepsis', tinyBundle(), '')
    await port.transition('Sepsis', version, 'Production', '', false)
    const runId = (await getRegisteredModel('Sepsis'))!.versions[0].runId
    await deleteRun(runId, { force: true })
    await expect(port.production('Sepsis')).rejects.toThrow(/version 1 of "Sepsis" is in Production, but its run .* is no longer stored/)
  })
})
