/**
 * The registry directory format (src/core/workflow/registry-dir.ts) through
 * its disk adapter: a round trip of register and transitions read back by
 * core's registry-file parser, bundles stamped with their stage, folder
 * names, refusals that write nothing, and no temp files left behind.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Predictor } from '../../../src/core/bundle/predictor'
import { parseRegisteredModel } from '../../../src/core/tracking/registry-schema'
import { FieldChecker } from '../../../src/core/tracking/checks'
import { modelSlug, planRegister, readRegistryFile } from '../../../src/core/workflow/registry-dir'
import { DirectoryRegistry } from '../../../src/node/registry/directory-registry'
import { bundleJson } from './server/support/bundles'

let ms: Record<string, unknown>
let msTrees: Record<string, unknown>
const dirs: string[] = []
const temp = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-registry-dir-'))
  dirs.push(dir)
  return dir
}
beforeAll(async () => {
  ms = await bundleJson('ms')
  msTrees = await bundleJson('msTrees')
})
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** A clock that advances one second per reading, from a fixed start. */
function clock(): () => Date {
  let t = Date.parse('2026-12-01T09:00:00.000Z')
  return () => new Date((t += 1000))
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'))

describe('registry directory', () => {
  it('round-trips register and transitions through registry.json and the bundles', async () => {
    const dir = temp()
    const registry = new DirectoryRegistry(dir, clock())
    expect(await registry.production('ICU risk')).toBeNull()
    expect(await registry.register('ICU risk', ms, 'first')).toEqual({ version: 1 })
    expect(await registry.register('ICU risk', msTrees, 'second')).toEqual({ version: 2 })
    await registry.transition('ICU risk', 1, 'Production', 'go live', false)
    await registry.transition('ICU risk', 2, 'Staging', 'try it', false)
    await registry.transition('ICU risk', 2, 'Production', 'better', true)

    expect(readdirSync(join(dir, 'icu-risk')).sort()).toEqual(['registry.json', 'v1.json', 'v2.json'])
    const model = parseRegisteredModel(read(join(dir, 'icu-risk', 'registry.json')), 'registry.json', new FieldChecker('test', 'test'))
    expect(model.name).toBe('ICU risk')
    expect(model.versions.map((v) => [v.version, v.stage, v.comment])).toEqual([[1, 'Archived', 'first'], [2, 'Production', 'second']])
    expect(model.history.map((h) => [h.version, h.from, h.to, h.comment, h.at])).toEqual([
      [1, 'None', 'Production', 'go live', '2026-12-01T09:00:03.000Z'],
      [2, 'None', 'Staging', 'try it', '2026-12-01T09:00:04.000Z'],
      [1, 'Production', 'Archived', 'archived automatically: version 2 promoted to Production', '2026-12-01T09:00:05.000Z'],
      [2, 'Staging', 'Production', 'better', '2026-12-01T09:00:05.000Z'],
    ])
    expect(read(join(dir, 'icu-risk', 'v1.json')).registry).toEqual({ name: 'ICU risk', version: 1, stage: 'Archived', exportedAt: '2026-12-01T09:00:05.000Z' })
    expect(read(join(dir, 'icu-risk', 'v2.json')).registry).toEqual({ name: 'ICU risk', version: 2, stage: 'Production', exportedAt: '2026-12-01T09:00:05.000Z' })

    // What is served is the bundle as trained, stamped with its registry place: same model, golden cases still reproduce.
    const production = await registry.production('ICU risk')
    expect(production?.version).toBe(2)
    const { registry: _stamp, ...rest } = production?.bundle as Record<string, unknown>
    expect(rest).toEqual(msTrees)
    expect(() => Predictor.fromBundle(production?.bundle)).not.toThrow()
    // No temp file is left behind by the atomic writes.
    expect(readdirSync(join(dir, 'icu-risk')).some((name) => name.startsWith('.'))).toBe(false)
  })

  it('refuses a second Production without archiveExisting, and writes nothing', async () => {
    const dir = temp()
    const registry = new DirectoryRegistry(dir, clock())
    await registry.register('m', ms, '')
    await registry.register('m', msTrees, '')
    await registry.transition('m', 1, 'Production', '', false)
    const before = readFileSync(join(dir, 'm', 'registry.json'), 'utf8')
    const v2 = readFileSync(join(dir, 'm', 'v2.json'), 'utf8')
    await expect(registry.transition('m', 2, 'Production', '', false)).rejects.toMatchObject({ code: 'registry-production-taken' })
    await expect(registry.transition('m', 7, 'Staging', '', false)).rejects.toMatchObject({ code: 'registry-unknown-version' })
    await expect(registry.transition('other', 1, 'Staging', '', false)).rejects.toMatchObject({ code: 'registry-dir-unknown-model' })
    expect(readFileSync(join(dir, 'm', 'registry.json'), 'utf8')).toBe(before)
    expect(readFileSync(join(dir, 'm', 'v2.json'), 'utf8')).toBe(v2)
  })

  it('refuses to register what is not a model bundle', async () => {
    const registry = new DirectoryRegistry(temp())
    await expect(registry.register('m', { format: 'something else' }, '')).rejects.toMatchObject({ code: 'bundle-invalid' })
  })

  it('names folders safely and refuses two models that would share one', async () => {
    expect(modelSlug('ICU risk')).toBe('icu-risk')
    expect(modelSlug('  Sepsis / early warning (v2) ')).toBe('sepsis-early-warning-v2')
    expect(modelSlug('Ménière')).toBe('meniere')
    expect(modelSlug('../../etc')).toBe('etc')
    expect(modelSlug('***')).toBe('model')
    const dir = temp()
    const registry = new DirectoryRegistry(dir)
    await registry.register('ICU risk', ms, '')
    await expect(registry.register('icu-risk', ms, '')).rejects.toMatchObject({ code: 'registry-dir-slug-clash' })
    expect(readdirSync(join(dir, 'icu-risk')).sort()).toEqual(['registry.json', 'v1.json'])
  })

  it('refuses a damaged registry.json, naming the file and the field', async () => {
    const dir = temp()
    const registry = new DirectoryRegistry(dir)
    await registry.register('m', ms, '')
    const path = join(dir, 'm', 'registry.json')
    const doc = read(path)
    doc.versions[0].stage = 'Production'
    writeFileSync(path, JSON.stringify(doc))
    await expect(registry.production('m')).rejects.toThrow(/^registry directory: m\/registry.json \(model "m"\): version 1 is in Production, but its history leaves it in None/)
    writeFileSync(path, '{')
    await expect(registry.production('m')).rejects.toMatchObject({ code: 'registry-dir-invalid' })
    expect(() => readRegistryFile(null, 'm')).not.toThrow()
  })

  it('plans a registration as the bundle first, then the history', () => {
    const plan = planRegister(null, 'ICU risk', ms, 'c', new Date('2026-12-01T09:00:00Z'))
    expect(plan.writes.map((w) => w.path)).toEqual(['icu-risk/v1.json', 'icu-risk/registry.json'])
    expect(JSON.parse(plan.writes[0].text).registry).toEqual({ name: 'ICU risk', version: 1, stage: 'None', exportedAt: '2026-12-01T09:00:00.000Z' })
  })
})
