/**
 * The model store: names and versions from files and registry metadata, the
 * Production rule, refusal of broken bundles (the previous version keeps
 * serving), removal, and changes picked up by fs.watch and by the periodic
 * rescan alone.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../../../../src/node/server/logging'
import { ModelStore } from '../../../../src/node/server/model-store'
import type { ModelSnapshot } from '../../../../src/node/server/served-model'
import { bundleJson, tempDir } from './support/bundles'
import { LogCapture, withRegistryMeta } from './support/server'

let ms: Record<string, unknown>
let edss: Record<string, unknown>
const cleanups: (() => void)[] = []

beforeAll(async () => {
  ms = await bundleJson('ms')
  edss = await bundleJson('edss')
})
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.()
})

function setup() {
  const { dir, remove } = tempDir('store')
  const logs = new LogCapture()
  const logger = createLogger({ level: 'debug', destination: logs.stream })
  cleanups.push(remove)
  const write = (name: string, json: unknown) => {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    // Write then rename, as a deploy tool does, so a reader never sees half a file.
    writeFileSync(join(dir, `.${name.replace(/\//g, '_')}.tmp`), typeof json === 'string' ? json : JSON.stringify(json))
    renameSync(join(dir, `.${name.replace(/\//g, '_')}.tmp`), join(dir, name))
  }
  const open = async (source = dir, options: { rescanMs?: number; watchEvents?: boolean } = {}) => {
    const store = await ModelStore.open(source, { logger, rescanMs: options.rescanMs ?? 0, debounceMs: 20, watchEvents: options.watchEvents })
    cleanups.push(() => store.close())
    return store
  }
  return { dir, logs, write, open }
}

/** Resolves with the next snapshot the store swaps in. */
function nextSwap(store: ModelStore): Promise<ModelSnapshot> {
  return new Promise((resolve) => {
    const off = store.onSwap((snapshot) => {
      off()
      resolve(snapshot)
    })
  })
}

const summary = (snapshot: ModelSnapshot) => [...snapshot.groups.values()].map((g) => ({ name: g.name, versions: g.versions.map((m) => m.version), current: g.current.version }))

describe('names and versions', () => {
  it('serves a lone file under its file name, or its registry name when it has one', async () => {
    const { dir, write, open } = setup()
    write('stroke-risk.json', ms)
    write('exported.json', withRegistryMeta(ms, 'sepsis', 4, 'Production'))
    expect(summary((await open(join(dir, 'stroke-risk.json'))).snapshot)).toEqual([{ name: 'stroke-risk', versions: ['1'], current: '1' }])
    expect(summary((await open(join(dir, 'exported.json'))).snapshot)).toEqual([{ name: 'sepsis', versions: ['4'], current: '4' }])
  })

  it('serves every bundle of a directory (nested too) by name and version; the name alone is the Production version', async () => {
    const { write, open } = setup()
    write('sepsis/1.json', withRegistryMeta(ms, 'sepsis', 1, 'Archived'))
    write('sepsis/2.json', withRegistryMeta(ms, 'sepsis', 2, 'Production'))
    write('sepsis/10.json', withRegistryMeta(ms, 'sepsis', 10, 'Staging'))
    write('edss.json', edss)
    const snapshot = (await open()).snapshot
    expect(summary(snapshot)).toEqual([
      { name: 'edss', versions: ['1'], current: '1' },
      { name: 'sepsis', versions: ['1', '2', '10'], current: '2' },
    ])
    expect(snapshot.resolve('sepsis')?.version).toBe('2')
    expect(snapshot.resolve('sepsis', '10')?.stage).toBe('Staging')
    expect(snapshot.resolve('sepsis', '3')).toBeUndefined()
  })

  it('without a Production version, the name alone is the highest version', async () => {
    const { write, open } = setup()
    write('a.json', withRegistryMeta(ms, 'sepsis', 9, 'Staging'))
    write('b.json', withRegistryMeta(ms, 'sepsis', 11, 'None'))
    expect((await open()).snapshot.resolve('sepsis')?.version).toBe('11')
  })

  it('skips JSON files that are not bundles (a stage history) without refusing them', async () => {
    const { write, open, logs } = setup()
    write('sepsis/1.json', withRegistryMeta(ms, 'sepsis', 1, 'Production'))
    write('sepsis/stages.json', { model: 'sepsis', history: [{ version: 1, stage: 'Production' }] })
    expect(summary((await open()).snapshot)).toEqual([{ name: 'sepsis', versions: ['1'], current: '1' }])
    expect(logs.lines().some((l) => l.msg === 'bundle refused')).toBe(false)
  })

  it('serves the first of two files holding the same name and version, and says so', async () => {
    const { dir, write, open, logs } = setup()
    write('a.json', withRegistryMeta(ms, 'sepsis', 1, 'Production'))
    write('b.json', withRegistryMeta(edss, 'sepsis', 1, 'Production'))
    expect((await open()).snapshot.resolve('sepsis')?.file).toBe(join(dir, 'a.json'))
    expect(logs.lines().some((l) => l.msg === 'two files hold the same model version; serving the first')).toBe(true)
  })

  it('refuses to start on a lone file that cannot be served, saying why', async () => {
    const { dir, write, open } = setup()
    write('broken.json', '{"format": "clinical-ml-studio/model-bundle", "version": 1')
    await expect(open(join(dir, 'broken.json'))).rejects.toThrow(/broken\.json.*not valid JSON/)
    await expect(open(join(dir, 'missing.json'))).rejects.toThrow(/does not exist/)
  })
})

describe('changes on disk', () => {
  it('refuses a broken replacement and keeps serving the previous version, logging why', async () => {
    const { write, open, logs } = setup()
    write('sepsis.json', withRegistryMeta(ms, 'sepsis', 1, 'Production'))
    const store = await open()
    const before = store.snapshot.resolve('sepsis')
    write('sepsis.json', '{"format": "clinical-ml-studio/model-bundle", "vers')
    let report = await store.rescan()
    expect(report.refused).toHaveLength(1)
    expect(store.snapshot.resolve('sepsis')).toBe(before)
    // A bundle core refuses (an unknown model family) is refused the same way.
    write('sepsis.json', withRegistryMeta({ ...ms, model: { ...(ms.model as object), family: 'oracle' } }, 'sepsis', 2, 'Production'))
    report = await store.rescan()
    expect(report.refused).toHaveLength(1)
    expect(store.snapshot.resolve('sepsis')).toBe(before)
    const refused = logs.lines().filter((l) => l.msg === 'bundle refused')
    expect(refused).toHaveLength(2)
    expect(refused[1].keeps_serving).toBe('sepsis version 1')
    expect(refused[1].error_code).toBeTruthy()
    // Fixed: the new version is swapped in.
    write('sepsis.json', withRegistryMeta(ms, 'sepsis', 2, 'Production'))
    await store.rescan()
    expect(store.snapshot.resolve('sepsis')?.version).toBe('2')
  })

  it('stops serving a removed file in a directory; a lone file that vanishes keeps serving', async () => {
    const { dir, write, open } = setup()
    write('a.json', ms)
    write('b.json', edss)
    const store = await open()
    rmSync(join(dir, 'b.json'))
    const report = await store.rescan()
    expect(report.removed).toEqual([join(dir, 'b.json')])
    expect(summary(store.snapshot).map((g) => g.name)).toEqual(['a'])

    const lone = await open(join(dir, 'a.json'))
    rmSync(join(dir, 'a.json'))
    await lone.rescan()
    expect(lone.snapshot.resolve('a')).toBeDefined()
  })

  it('a model resolved before a swap stays whole after it', async () => {
    const { write, open } = setup()
    write('m.json', withRegistryMeta(ms, 'm', 1, 'Production'))
    const store = await open()
    const held = store.snapshot.resolve('m')
    const heldSnapshot = store.snapshot
    write('m.json', withRegistryMeta(ms, 'm', 2, 'Production'))
    await store.rescan()
    expect(store.snapshot.resolve('m')?.version).toBe('2')
    expect(held?.version).toBe('1')
    expect(heldSnapshot.resolve('m')).toBe(held)
  })

  it('picks up added and changed files through fs.watch, without a rescan call', async () => {
    const { write, open } = setup()
    write('m.json', withRegistryMeta(ms, 'm', 1, 'Production'))
    const store = await open(undefined, { rescanMs: 0 })
    store.watch()
    let swapped = nextSwap(store)
    write('n.json', edss)
    expect(summary(await swapped).map((g) => g.name)).toEqual(['m', 'n'])
    swapped = nextSwap(store)
    write('m.json', withRegistryMeta(ms, 'm', 2, 'Production'))
    expect((await swapped).resolve('m')?.version).toBe('2')
  })

  it('picks up a change through the periodic rescan alone', async () => {
    const { write, open } = setup()
    write('m.json', withRegistryMeta(ms, 'm', 1, 'Production'))
    const store = await open(undefined, { rescanMs: 30, watchEvents: false })
    store.watch()
    const swapped = nextSwap(store)
    write('m.json', withRegistryMeta(ms, 'm', 3, 'Production'))
    expect((await swapped).resolve('m')?.version).toBe('3')
  })

  it('watches a lone file being replaced by a rename', async () => {
    const { dir, write, open } = setup()
    write('m.json', withRegistryMeta(ms, 'm', 1, 'Production'))
    write('other.json', edss)
    const store = await open(join(dir, 'm.json'))
    store.watch()
    const swapped = nextSwap(store)
    write('m.json', withRegistryMeta(ms, 'm', 5, 'Production'))
    expect(summary(await swapped)).toEqual([{ name: 'm', versions: ['5'], current: '5' }])
  })
})
