/**
 * The page's registry folder (src/core/workflow/registry-folder.ts): the zip
 * the Registry page downloads, unzipped into a directory, is what the CLI's
 * DirectoryRegistry and the model server read; a folder the CLI wrote reads
 * back for the page's import; broken folders are refused, naming the file.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { strToU8, zipSync } from 'fflate'
import { Predictor } from '../../../src/core/bundle/predictor'
import { addModelVersion, createRegisteredModel, transition, type RegisteredModel } from '../../../src/core/tracking/registry'
import { readRegistryFile } from '../../../src/core/workflow/registry-dir'
import { readRegistryFolder, registryFolderFiles, importedRunRecord, unzipFolder, withRunIds, zipFolder } from '../../../src/core/workflow/registry-folder'
import { DirectoryRegistry } from '../../../src/node/registry/directory-registry'
import { createLogger } from '../../../src/node/server/logging'
import { ModelStore } from '../../../src/node/server/model-store'
import { bundleJson, tempDir } from './server/support/bundles'
import { LogCapture } from './server/support/server'

let ms: Record<string, unknown>
let msTrees: Record<string, unknown>
const cleanups: (() => void)[] = []
beforeAll(async () => {
  ms = await bundleJson('ms')
  msTrees = await bundleJson('msTrees')
})
afterAll(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})
const temp = () => {
  const { dir, remove } = tempDir('registry-folder')
  cleanups.push(remove)
  return dir
}
const at = (s: number) => new Date(Date.parse('2026-12-01T09:00:00.000Z') + s * 1000)

/** "ICU risk" as the page holds it: v1 in Production, v2 in Staging, each pointing at a page run. */
function pageModel(): RegisteredModel {
  let model = createRegisteredModel('ICU risk', at(0))
  model = addModelVersion(model, 'run-a', 'first', at(1)).model
  model = addModelVersion(model, 'run-b', 'second', at(2)).model
  model = transition(model, 1, 'Production', 'go live', at(3)).model
  return transition(model, 2, 'Staging', 'try it', at(4)).model
}
const bundles = () => new Map<number, unknown>([[1, ms], [2, msTrees]])

function writeFiles(dir: string, files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
}

describe('registry folder from the page', () => {
  it('zips registry.json and every version stamped with its stage, and reads back the same', () => {
    const model = pageModel()
    const files = unzipFolder(zipFolder(registryFolderFiles(model, (v) => bundles().get(v), at(10))))
    expect(Object.keys(files).sort()).toEqual(['icu-risk/registry.json', 'icu-risk/v1.json', 'icu-risk/v2.json'])
    expect(readRegistryFile(files['icu-risk/registry.json']!, 'ICU risk')).toEqual(model)
    const v1 = JSON.parse(files['icu-risk/v1.json']!)
    expect(v1.registry).toEqual({ name: 'ICU risk', version: 1, stage: 'Production', exportedAt: '2026-12-01T09:00:10.000Z' })
    expect(JSON.parse(files['icu-risk/v2.json']!).registry.stage).toBe('Staging')
    expect(() => Predictor.fromBundle(v1)).not.toThrow()
    const { registry: _stamp, ...rest } = v1
    expect(rest).toEqual(ms)

    const read = readRegistryFolder(files)
    expect(read.model).toEqual(model)
    expect(read.bundles.map((b) => [b.version, b.bundle.registry?.stage, b.bundle.model.family])).toEqual([
      [1, 'Production', 'logistic'],
      [2, 'Staging', 'gbdt'],
    ])
  })

  it('unzipped into a directory, is served by the model server and read by the CLI registry', async () => {
    const dir = temp()
    writeFiles(dir, unzipFolder(zipFolder(registryFolderFiles(pageModel(), (v) => bundles().get(v), at(10)))))
    const registry = new DirectoryRegistry(dir, () => at(20))
    expect((await registry.production('ICU risk'))?.version).toBe(1)
    // The CLI carries on from the page's folder: the next version is 3.
    expect(await registry.register('ICU risk', ms, 'from the CLI')).toEqual({ version: 3 })

    const logs = new LogCapture()
    const store = await ModelStore.open(dir, { logger: createLogger({ level: 'debug', destination: logs.stream }), rescanMs: 0, debounceMs: 20 })
    cleanups.push(() => store.close())
    const groups = [...store.snapshot.groups.values()].map((g) => ({ name: g.name, versions: g.versions.map((m) => m.version), current: g.current.version }))
    expect(groups).toEqual([{ name: 'ICU risk', versions: ['1', '2', '3'], current: '1' }])
  })

  it('refuses a version whose run is gone, naming it', () => {
    expect(() => registryFolderFiles(pageModel(), (v) => (v === 2 ? null : ms), at(10))).toThrow(/version 2 of "ICU risk".*run-b/)
  })
})

describe('registry folder from the CLI, read for the page', () => {
  it('reads a folder DirectoryRegistry wrote, under a leading folder in the zip', async () => {
    const dir = temp()
    const registry = new DirectoryRegistry(dir, () => at(30))
    await registry.register('ICU risk', ms, 'first')
    await registry.register('ICU risk', msTrees, 'second')
    await registry.transition('ICU risk', 2, 'Production', 'better', false)
    const entries: Record<string, Uint8Array> = {}
    for (const name of readdirSync(join(dir, 'icu-risk'))) entries[`models/icu-risk/${name}`] = readFileSync(join(dir, 'icu-risk', name))
    const read = readRegistryFolder(unzipFolder(zipSync(entries)))
    expect(read.model.versions.map((v) => [v.version, v.stage])).toEqual([[1, 'None'], [2, 'Production']])
    expect(read.model.history.map((h) => [h.version, h.to])).toEqual([[2, 'Production']])

    // Imported: each version gets a run of its own, made from its bundle.
    const imported = withRunIds(read.model, (v) => `run-import-${v}`)
    expect(imported.versions.map((v) => v.runId)).toEqual(['run-import-1', 'run-import-2'])
    expect(imported.history).toEqual(read.model.history)
    const run = importedRunRecord(read.bundles[1]!.bundle, { id: 'run-import-2', modelName: 'ICU risk', version: 2 })
    expect(run).toMatchObject({ id: 'run-import-2', status: 'finished', target: 'treatment_response', family: 'gbdt', tags: ['imported'] })
    expect(run.features).toEqual(read.bundles[1]!.bundle.inputSchema.map((c) => c.name))
    expect(run.metrics).toEqual(read.bundles[1]!.bundle.metrics.heldOut)
  })
})

describe('refusals', () => {
  const good = () => Object.fromEntries(registryFolderFiles(pageModel(), (v) => bundles().get(v), at(10)).map((f) => [f.path, f.text]))
  it('refuses what is not a zip', () => {
    expect(() => unzipFolder(strToU8('not a zip'))).toThrow(/not a readable zip/)
  })
  it('refuses no registry.json, and two models at once', () => {
    const files = good()
    delete files['icu-risk/registry.json']
    expect(() => readRegistryFolder(files)).toThrow(/no "registry.json"/)
    expect(() => readRegistryFolder({ ...good(), 'other/registry.json': good()['icu-risk/registry.json']! })).toThrow(/2 models found/)
  })
  it('refuses a listed version without its bundle, a broken bundle and a bundle of another version', () => {
    const missing = good()
    delete missing['icu-risk/v2.json']
    expect(() => readRegistryFolder(missing)).toThrow(/lists version 2, but "icu-risk\/v2.json" is not there/)
    expect(() => readRegistryFolder({ ...good(), 'icu-risk/v1.json': '{"format":' })).toThrow(/"icu-risk\/v1.json" is not valid JSON/)
    expect(() => readRegistryFolder({ ...good(), 'icu-risk/v1.json': JSON.stringify({ ...ms, golden: 'x' }) })).toThrow(/"icu-risk\/v1.json" is not a usable model/)
    expect(() => readRegistryFolder({ ...good(), 'icu-risk/v1.json': good()['icu-risk/v2.json']! })).toThrow(/stamped as version 2/)
  })
})
