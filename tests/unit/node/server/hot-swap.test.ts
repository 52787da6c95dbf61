/**
 * Hot swap under load: client loops send requests over real HTTP (both
 * protocols) while bundles are replaced again and again on disk — by
 * rename, by plain rewrite, with broken files in between — and picked up
 * by the watcher. Not one request may fail, and the answers must come from
 * several versions. Bounded: a fixed number of swaps, then the loops stop.
 */
import { renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { bundleJson, inputNames, sampleRecords } from './support/bundles'
import { serveBundles, withRegistryMeta, type TestServer } from './support/server'

const SWAPS = 14
const CLIENTS = 4

let server: TestServer
let base: string
let variants: Record<string, unknown>[]

beforeAll(async () => {
  variants = [await bundleJson('ms'), await bundleJson('msTrees')]
  server = await serveBundles({ 'm.json': withRegistryMeta(variants[0], 'm', 1, 'Production') })
  await server.app.listen({ host: '127.0.0.1', port: 0 })
  const address = server.app.server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(() => server.close())

it('answers every request while bundles are swapped under load', async () => {
  const names = inputNames(variants[0])
  const [record] = sampleRecords('ms-treatment.csv', 1, names)
  const mlflowBody = JSON.stringify({ dataframe_records: [record] })
  const schema = variants[0].inputSchema as { name: string; type: string }[]
  const oipBody = JSON.stringify({ inputs: schema.map((c) => ({ name: c.name, shape: [1], datatype: c.type === 'number' ? 'FP64' : 'BYTES', data: [record[c.name]] })) })
  const statuses = new Map<number, number>()
  const versions = new Set<string>()
  let stop = false
  let requests = 0

  const client = async (i: number) => {
    while (!stop) {
      const oip = (requests + i) % 2 === 0
      const response = await fetch(oip ? `${base}/v2/models/m/infer` : `${base}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: oip ? oipBody : mlflowBody,
      })
      const body = (await response.json()) as { model_version?: string; predictions?: unknown[] }
      requests++
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      if (response.status === 200) {
        versions.add(oip ? String(body.model_version) : String(response.headers.get('x-model-version')))
        expect(oip ? body.model_version : body.predictions).toBeDefined()
      }
    }
  }

  const swapper = async () => {
    server.store.watch()
    for (let k = 2; k <= SWAPS + 1; k++) {
      const next = JSON.stringify(withRegistryMeta(variants[k % 2], 'm', k, 'Production'))
      const path = join(server.dir, 'm.json')
      const swapped = new Promise<void>((resolve) => {
        const off = server.store.onSwap((snapshot) => {
          if (snapshot.resolve('m')?.version !== String(k)) return
          off()
          resolve()
        })
      })
      if (k % 3 === 0) {
        // A broken file first: refused, the previous version keeps serving.
        writeFileSync(path, next.slice(0, next.length / 2))
        await server.store.rescan()
      }
      if (k % 2 === 0) {
        writeFileSync(`${path}.tmp`, next)
        renameSync(`${path}.tmp`, path)
      } else {
        writeFileSync(path, next)
      }
      await swapped
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    stop = true
  }

  await Promise.all([swapper(), ...Array.from({ length: CLIENTS }, (_, i) => client(i))])
  expect([...statuses.keys()]).toEqual([200])
  expect(requests).toBeGreaterThan(SWAPS * 2)
  expect(versions.size).toBeGreaterThanOrEqual(SWAPS / 2)
  expect(server.store.snapshot.resolve('m')?.version).toBe(String(SWAPS + 1))
})
