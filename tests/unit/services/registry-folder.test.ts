import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { Predictor } from '../../../src/core/bundle/predictor'
import { readRegistryFile } from '../../../src/core/workflow/registry-dir'
import { unzipFolder } from '../../../src/core/workflow/registry-folder'
import { importRegistryFolder, registryFolderZip } from '../../../src/services/registry-folder'
import { deleteRegisteredModel, getRegisteredModel, listRegisteredModels, registerModel, transitionVersion } from '../../../src/services/storage/registry'
import { getRun, listRuns, saveRun } from '../../../src/services/storage/runs'
import { makeRun, tinyBundle } from '../core/tracking/fixtures'
import { resetDatabase } from './db-helpers'

afterEach(resetDatabase)

async function registered() {
  await saveRun(makeRun('r1', '2026-01-01T00:00:00Z', { bundle: { ...tinyBundle(), metrics: { heldOut: { auc: 0.81 } } } }))
  await saveRun(makeRun('r2', '2026-01-02T00:00:00Z', { bundle: { ...tinyBundle(), metrics: { heldOut: { auc: 0.86 } } } }))
  await registerModel('Sepsis risk', 'r1', 'first')
  await registerModel('Sepsis risk', 'r2', 'second')
  await transitionVersion('Sepsis risk', 1, 'Production', 'go live')
  await transitionVersion('Sepsis risk', 2, 'Staging', 'try it')
  return (await getRegisteredModel('Sepsis risk'))!
}

describe('registry folder on the page', () => {
  it('saves a model as a zip in the directory format and imports it back with its versions, stages and history', async () => {
    const model = await registered()
    const { fileName, bytes } = await registryFolderZip('Sepsis risk', new Date('2026-02-01T00:00:00.000Z'))
    expect(fileName).toBe('sepsis-risk-registry.zip')
    const files = unzipFolder(bytes)
    expect(Object.keys(files).sort()).toEqual(['sepsis-risk/registry.json', 'sepsis-risk/v1.json', 'sepsis-risk/v2.json'])
    expect(readRegistryFile(files['sepsis-risk/registry.json']!, 'Sepsis risk')).toEqual(model)
    const v2 = Predictor.fromBundle(JSON.parse(files['sepsis-risk/v2.json']!)).bundle
    expect(v2.registry).toEqual({ name: 'Sepsis risk', version: 2, stage: 'Staging', exportedAt: '2026-02-01T00:00:00.000Z' })
    expect(v2.metrics.heldOut.auc).toBe(0.86)

    await deleteRegisteredModel('Sepsis risk', { force: true })
    const imported = await importRegistryFolder(bytes)
    const stored = (await getRegisteredModel('Sepsis risk'))!
    expect(stored).toEqual(imported)
    expect(stored.history).toEqual(model.history)
    expect(stored.versions.map((v) => [v.version, v.stage, v.comment, v.createdAt])).toEqual(model.versions.map((v) => [v.version, v.stage, v.comment, v.createdAt]))
    // Each version points at a new run of its own, holding its bundle.
    const run2 = await getRun(stored.versions[1]!.runId)
    expect(run2).toMatchObject({ status: 'finished', tags: ['imported'], metrics: { auc: 0.86 } })
    expect(run2?.bundle?.registry?.version).toBe(2)
    expect(await listRuns()).toHaveLength(4)
  })

  it('refuses a name already registered, changing nothing', async () => {
    await registered()
    const { bytes } = await registryFolderZip('Sepsis risk')
    const before = await listRuns()
    await expect(importRegistryFolder(bytes)).rejects.toThrow(/"Sepsis risk" is already registered, so nothing was imported/)
    expect(await listRuns()).toHaveLength(before.length)
    expect(await listRegisteredModels()).toHaveLength(1)
  })

  it('refuses a broken zip, changing nothing', async () => {
    await expect(importRegistryFolder(new Uint8Array([1, 2, 3]))).rejects.toThrow(/not a readable zip/)
    expect(await listRuns()).toHaveLength(0)
  })
})
