/**
 * Fuzzing the request paths: a few thousand seeded random and mutated
 * bodies (random JSON, structural mutations of valid MLflow and OIP
 * payloads, byte-level damage, CSV, wrong content types and methods) must
 * never get a 5xx, every refusal must be the JSON error shape, and the
 * server must answer a good request exactly as before afterwards.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createRandom, type Random } from '../../../../src/core/random'
import { bundleJson, inputNames, sampleRecords } from './support/bundles'
import { serveBundles, type TestServer } from './support/server'

const CASES = 3000
const SEED = 20261102

let server: TestServer
let names: string[]
let schema: { name: string; type: string }[]

beforeAll(async () => {
  const ms = await bundleJson('ms')
  names = inputNames(ms)
  schema = ms.inputSchema as typeof schema
  server = await serveBundles({ 'ms.json': ms }, { bodyLimit: 64 * 1024 })
})
afterAll(() => server.close())

const STRINGS = ['FP64', 'INT64', 'BYTES', 'BOOL', 'fp64', '', ' ', 'NaN', 'Infinity', '-1e400', '1e-400', '0x1F', 'null', 'true', '__proto__', 'constructor', 'prototype', 'toString', 'Female', 'RRMS', '\u0000', '\ud800', '😀', 'é', '"', '\\', '%', 'a'.repeat(300), '1,5', ' 42 ']
const NUMBERS = [0, -0, 1, -1, 0.5, 1e308, -1e308, 5e-324, 2 ** 53, -(2 ** 63), 123456789.123456789, 41, 3.5]
const KEYS = ['dataframe_split', 'dataframe_records', 'instances', 'inputs', 'columns', 'data', 'index', 'params', 'explain', 'name', 'shape', 'datatype', 'outputs', 'id', 'parameters', '__proto__', 'constructor']

function pick<T>(random: Random, items: readonly T[]): T {
  return items[random.int(items.length)]
}

/** A random JSON value, nested up to `depth`. */
function randomValue(random: Random, depth: number, allKeys: string[]): unknown {
  const kind = random.int(depth > 0 ? 8 : 5)
  switch (kind) {
    case 0: return null
    case 1: return random.next() < 0.5
    case 2: return random.next() < 0.5 ? pick(random, NUMBERS) : (random.next() - 0.5) * 10 ** random.int(12)
    case 3: return pick(random, STRINGS)
    case 4: return random.int(100)
    case 5: case 6: return Array.from({ length: random.int(5) }, () => randomValue(random, depth - 1, allKeys))
    default: {
      const object: Record<string, unknown> = {}
      for (let i = random.int(5); i > 0; i--) object[pick(random, allKeys)] = randomValue(random, depth - 1, allKeys)
      return object
    }
  }
}

/** Valid payloads to mutate. */
function templates(): { url: string; body: unknown }[] {
  const records = sampleRecords('ms-treatment.csv', 3)
  const modelRecords = sampleRecords('ms-treatment.csv', 3, names)
  return [
    { url: '/invocations', body: { dataframe_split: { columns: Object.keys(records[0]), data: records.map((r) => Object.values(r)) } } },
    { url: '/invocations', body: { dataframe_records: records } },
    { url: '/invocations?explain=true', body: { instances: modelRecords.map((r) => names.map((n) => r[n])) } },
    { url: '/invocations?model=ms', body: { inputs: Object.fromEntries(names.map((n) => [n, modelRecords.map((r) => r[n])])) } },
    {
      url: '/v2/models/ms/infer',
      body: { id: 'x', inputs: schema.map((c) => ({ name: c.name, shape: [3], datatype: c.type === 'number' ? 'FP64' : 'BYTES', data: modelRecords.map((r) => r[c.name]) })) },
    },
    {
      url: '/v2/models/ms/versions/1/infer',
      body: { parameters: { explain: true }, inputs: schema.map((c) => ({ name: c.name, shape: [3, 1], datatype: c.type === 'number' ? 'FP64' : 'BYTES', data: modelRecords.map((r) => [r[c.name]]) })) },
    },
  ]
}

/** Replaces, deletes or retypes one randomly chosen spot of a (deep-copied) payload. */
function mutate(random: Random, value: unknown, allKeys: string[]): unknown {
  const copy = structuredClone(value)
  const holders: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = []
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((child, i) => (holders.push({ parent: node, key: i }), walk(child)))
    else if (node && typeof node === 'object') for (const key of Object.keys(node)) holders.push({ parent: node as Record<string, unknown>, key }), walk((node as Record<string, unknown>)[key])
  }
  walk(copy)
  for (let m = 1 + random.int(3); m > 0 && holders.length > 0; m--) {
    const { parent, key } = pick(random, holders)
    const action = random.int(5)
    if (action === 0 && !Array.isArray(parent)) delete parent[key as string]
    else if (action === 1 && Array.isArray(parent)) parent.splice(key as number, 1)
    else if (action === 2) (parent as Record<string, unknown>)[key as string] = [(parent as Record<string, unknown>)[key as string]]
    else (parent as Record<string, unknown>)[key as string] = randomValue(random, 2, allKeys)
  }
  return copy
}

/** Damages serialised text: flips, deletes, inserts or truncates characters. */
function damage(random: Random, text: string): string {
  let out = text
  for (let m = 1 + random.int(4); m > 0; m--) {
    const at = random.int(out.length + 1)
    const action = random.int(4)
    if (action === 0) out = out.slice(0, at)
    else if (action === 1) out = out.slice(0, at) + out.slice(at + 1 + random.int(8))
    else if (action === 2) out = out.slice(0, at) + pick(random, ['{', '}', '[', ']', '"', ',', ':', '\\', 'null', '1e999', '\u0000', '😀', 'NaN']) + out.slice(at)
    else out = out.slice(0, at) + out.slice(at, at + random.int(30)) + out.slice(at)
  }
  return out
}

/** A URL path segment for `text` (a lone surrogate cannot be percent-encoded: sent as raw %-garbage instead). */
function pathSegment(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return '%ED%A0%80'
  }
}

function csvBody(random: Random): string {
  const records = sampleRecords('ms-treatment.csv', 1 + random.int(4))
  const header = Object.keys(records[0])
  const text = [header.join(random.next() < 0.8 ? ',' : ';'), ...records.map((r) => header.map((h) => (random.next() < 0.1 ? pick(random, STRINGS) : r[h])).join(','))].join('\n')
  return random.next() < 0.5 ? damage(random, text) : text
}

it(`answers ${CASES} random and mutated requests without a 5xx, and keeps answering`, async () => {
  const random = createRandom(SEED)
  const good = templates()
  const allKeys = [...KEYS, ...names]
  const before = await server.app.inject({ method: 'POST', url: good[1].url, payload: good[1].body as Record<string, unknown> })
  expect(before.statusCode).toBe(200)
  const statuses = new Map<number, number>()
  for (let i = 0; i < CASES; i++) {
    const template = pick(random, good)
    let url = template.url
    let method: 'POST' | 'GET' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' = 'POST'
    let contentType: string | undefined = 'application/json'
    let payload: string
    const kind = random.int(10)
    if (kind <= 2) payload = JSON.stringify(mutate(random, template.body, allKeys))
    else if (kind === 3) payload = JSON.stringify(randomValue(random, 4, allKeys))
    else if (kind <= 5) payload = damage(random, JSON.stringify(template.body))
    else if (kind === 6) {
      payload = csvBody(random)
      contentType = pick(random, ['text/csv', 'text/csv; charset=latin1', 'application/csv'])
      url = pick(random, ['/invocations', '/invocations?explain=1', '/v2/models/ms/infer'])
    } else if (kind === 7) {
      payload = JSON.stringify(template.body)
      contentType = pick(random, [undefined, 'text/plain', 'application/xml', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'multipart/form-data', '*/*', 'application/jsonx'])
    } else if (kind === 8) {
      payload = JSON.stringify(mutate(random, template.body, allKeys))
      method = pick(random, ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const)
    } else {
      // A huge row count, deep nesting or an over-limit body.
      const n = random.int(3)
      payload = n === 0 ? JSON.stringify({ dataframe_records: Array.from({ length: 5000 }, () => ({ age: 1 })) }) : n === 1 ? '['.repeat(5000) + ']'.repeat(5000) : JSON.stringify(template.body).padEnd(70 * 1024, ' ')
      url = pick(random, [url, '/v2/models/ms/infer', `/v2/models/${pathSegment(pick(random, STRINGS))}/infer`, '/invocations?model=%E0%A4%A'])
    }
    const response = await server.app.inject({ method, url, headers: contentType ? { 'content-type': contentType } : {}, payload: method === 'GET' ? undefined : payload })
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
    if (response.statusCode >= 500) throw new Error(`case ${i}: ${method} ${url} (${contentType}) answered ${response.statusCode}: ${response.body.slice(0, 300)}\nbody: ${payload.slice(0, 300)}`)
    if (response.statusCode >= 400) {
      const body = response.json()
      expect(typeof body.error_code, `case ${i}`).toBe('string')
      expect(typeof body.message, `case ${i}`).toBe('string')
    }
  }
  // Many kinds of answer were exercised, none a server error.
  expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([])
  for (const status of [200, 400, 404, 405, 413, 415]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0)
  // Alive and unchanged.
  expect((await server.app.inject({ method: 'GET', url: '/v2/health/ready' })).statusCode).toBe(200)
  const after = await server.app.inject({ method: 'POST', url: good[1].url, payload: good[1].body as Record<string, unknown> })
  expect(after.json()).toEqual(before.json())
})
