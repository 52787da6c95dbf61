/**
 * The Open Inference Protocol v2 routes through `inject`: health, server and
 * model metadata, versions, and inference with one tensor per column giving
 * the same numbers as MLflow's route (both are core's Predictor).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleJson, inputNames, sampleRecords } from './support/bundles'
import { serveBundles, withRegistryMeta, type TestServer } from './support/server'

let server: TestServer
let ms: Record<string, unknown>
let schema: { name: string; type: 'number' | 'category' }[]

beforeAll(async () => {
  ms = await bundleJson('ms')
  const edss = await bundleJson('edss')
  schema = ms.inputSchema as typeof schema
  server = await serveBundles({
    'ms.json': ms,
    'edss.json': edss,
    'registry/sepsis-1.json': withRegistryMeta(ms, 'sepsis', 1, 'Archived'),
    'registry/sepsis-2.json': withRegistryMeta(ms, 'sepsis', 2, 'Production'),
    'registry/sepsis-3.json': withRegistryMeta(ms, 'sepsis', 3, 'Staging'),
  })
})
afterAll(() => server.close())

/** OIP input tensors for records: FP64 for number columns, BYTES for categories. */
function tensors(records: Record<string, unknown>[], nested = false) {
  return schema.map((column) => ({
    name: column.name,
    shape: nested ? [records.length, 1] : [records.length],
    datatype: column.type === 'number' ? 'FP64' : 'BYTES',
    data: records.map((r) => (nested ? [r[column.name]] : r[column.name])),
  }))
}

const get = (url: string) => server.app.inject({ method: 'GET', url })
const infer = (url: string, payload: unknown) => server.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> })

describe('OIP health and metadata', () => {
  it('GET /v2, /v2/health/live and /v2/health/ready', async () => {
    expect((await get('/v2')).json()).toEqual({ name: 'clinical-ml-studio', version: '9.9.9', extensions: [] })
    expect((await get('/v2/health/live')).json()).toEqual({ live: true })
    const ready = await get('/v2/health/ready')
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ ready: true })
  })

  it('/v2/health/ready is 503 without a model', async () => {
    const empty = await serveBundles({})
    try {
      const response = await empty.app.inject({ method: 'GET', url: '/v2/health/ready' })
      expect(response.statusCode).toBe(503)
      expect(response.json()).toEqual({ ready: false })
      expect((await empty.app.inject({ method: 'GET', url: '/v2/health/live' })).statusCode).toBe(200)
    } finally {
      await empty.close()
    }
  })

  it('model metadata lists one input tensor per column and the outputs', async () => {
    const meta = (await get('/v2/models/ms')).json()
    expect(meta.name).toBe('ms')
    expect(meta.versions).toEqual(['1'])
    expect(meta.platform).toBe('clinical-ml-studio/logistic')
    expect(meta.inputs).toEqual(schema.map((c) => ({ name: c.name, datatype: c.type === 'number' ? 'FP64' : 'BYTES', shape: [-1] })))
    const labels = (ms.target as { labels: string[] }).labels
    expect(meta.outputs).toEqual([
      { name: 'label', datatype: 'BYTES', shape: [-1] },
      { name: 'probabilities', datatype: 'FP64', shape: [-1, labels.length] },
    ])
    expect((await get('/v2/models/edss')).json().outputs).toEqual([{ name: 'value', datatype: 'FP64', shape: [-1] }])
  })

  it('a name alone answers with the Production version; every version by path', async () => {
    const meta = (await get('/v2/models/sepsis')).json()
    expect(meta.versions).toEqual(['1', '2', '3'])
    const response = await infer('/v2/models/sepsis/infer', { inputs: tensors(sampleRecords('ms-treatment.csv', 1)) })
    expect(response.json().model_version).toBe('2')
    for (const v of ['1', '2', '3']) {
      expect((await get(`/v2/models/sepsis/versions/${v}`)).statusCode).toBe(200)
      expect((await get(`/v2/models/sepsis/versions/${v}/ready`)).json()).toEqual({ name: 'sepsis', ready: true })
      const answer = await infer(`/v2/models/sepsis/versions/${v}/infer`, { inputs: tensors(sampleRecords('ms-treatment.csv', 1)) })
      expect(answer.json().model_version).toBe(v)
    }
    expect((await get('/v2/models/ms/ready')).json()).toEqual({ name: 'ms', ready: true })
  })

  it('404 for an unknown model or version, with the protocol\'s "error" field', async () => {
    for (const url of ['/v2/models/nope', '/v2/models/nope/ready', '/v2/models/sepsis/versions/9', '/v2/models/sepsis/versions/9/ready']) {
      const response = await get(url)
      expect(response.statusCode, url).toBe(404)
      expect(typeof response.json().error, url).toBe('string')
    }
    const response = await infer('/v2/models/nope/infer', { inputs: tensors(sampleRecords('ms-treatment.csv', 1)) })
    expect(response.statusCode).toBe(404)
    expect(response.json().error_code).toBe('model-not-found')
    const version = await infer('/v2/models/sepsis/versions/9/infer', { inputs: tensors(sampleRecords('ms-treatment.csv', 1)) })
    expect(version.json().error_code).toBe('model-version-not-found')
  })
})

describe('OIP inference', () => {
  it('answers label and probabilities tensors with the numbers /invocations gives', async () => {
    const records = sampleRecords('ms-treatment.csv', 7, inputNames(ms))
    const mlflow = (await server.app.inject({ method: 'POST', url: '/invocations?model=ms', payload: { dataframe_records: records } })).json().predictions as {
      label: string
      probabilities: Record<string, number>
    }[]
    const labels = (ms.target as { labels: string[] }).labels
    for (const nested of [false, true]) {
      const response = await infer('/v2/models/ms/infer', { id: 'req-42', inputs: tensors(records, nested) })
      expect(response.statusCode).toBe(200)
      const body = response.json()
      expect(body.model_name).toBe('ms')
      expect(body.model_version).toBe('1')
      expect(body.id).toBe('req-42')
      const [label, probabilities] = body.outputs
      expect(label).toEqual({ name: 'label', datatype: 'BYTES', shape: [7], data: mlflow.map((p) => p.label) })
      expect(probabilities.name).toBe('probabilities')
      expect(probabilities.datatype).toBe('FP64')
      expect(probabilities.shape).toEqual([7, labels.length])
      expect(JSON.parse(probabilities.parameters.classes)).toEqual(labels)
      expect(probabilities.data).toEqual(mlflow.flatMap((p) => labels.map((l) => p.probabilities[l])))
    }
  })

  it('reads INT64 numbers, BYTES numbers-as-text and nulls as core reads them', async () => {
    const [record] = sampleRecords('ms-treatment.csv', 1, inputNames(ms))
    const base = tensors([record])
    const asInt = base.map((t) => (t.name === 'lesion_count' ? { ...t, datatype: 'INT64' } : t))
    const a = (await infer('/v2/models/ms/infer', { inputs: asInt })).json()
    const b = (await infer('/v2/models/ms/infer', { inputs: base })).json()
    expect(a.outputs).toEqual(b.outputs)
    const withNull = base.map((t) => (t.name === 'lesion_volume_ml' ? { ...t, data: [null] } : t))
    const missing = await infer('/v2/models/ms/infer', { inputs: withNull })
    expect(missing.statusCode).toBe(200)
    const mlflowMissing = await server.app.inject({ method: 'POST', url: '/invocations?model=ms', payload: { dataframe_records: [{ ...record, lesion_volume_ml: null }] } })
    const probabilities = mlflowMissing.json().predictions[0].probabilities as Record<string, number>
    expect(missing.json().outputs[1].data).toEqual((ms.target as { labels: string[] }).labels.map((l) => probabilities[l]))
    expect(missing.json().outputs[1].data).not.toEqual(b.outputs[1].data)
  })

  it('answers only the outputs asked for', async () => {
    const response = await infer('/v2/models/ms/infer', { inputs: tensors(sampleRecords('ms-treatment.csv', 2)), outputs: [{ name: 'probabilities' }] })
    expect(response.json().outputs.map((o: { name: string }) => o.name)).toEqual(['probabilities'])
  })

  it('answers a value tensor for regression', async () => {
    const edssSchema = (await bundleJson('edss')).inputSchema as typeof schema
    const records = sampleRecords('ms-treatment.csv', 3)
    const inputs = edssSchema.map((c) => ({ name: c.name, shape: [3], datatype: c.type === 'number' ? 'FP64' : 'BYTES', data: records.map((r) => r[c.name]) }))
    const body = (await infer('/v2/models/edss/infer', { inputs })).json()
    const mlflow = (await server.app.inject({ method: 'POST', url: '/invocations?model=edss', payload: { dataframe_records: records } })).json()
    expect(body.outputs).toEqual([{ name: 'value', datatype: 'FP64', shape: [3], data: mlflow.predictions.map((p: { value: number }) => p.value) }])
  })

  it('400 naming the column for protocol errors', async () => {
    const records = sampleRecords('ms-treatment.csv', 2)
    const good = tensors(records)
    const cases: [string, unknown, string, string | null][] = [
      ['no inputs', {}, 'input-shape', null],
      ['inputs not an array', { inputs: {} }, 'input-shape', null],
      ['a tensor without a name', { inputs: [{ shape: [1], datatype: 'FP64', data: [1] }] }, 'input-shape', null],
      ['unknown datatype', { inputs: good.map((t, i) => (i === 0 ? { ...t, datatype: 'COMPLEX' } : t)) }, 'input-shape', good[0].name],
      ['shape [2, 3]', { inputs: good.map((t, i) => (i === 0 ? { ...t, shape: [2, 3] } : t)) }, 'input-shape', good[0].name],
      ['data length differs from shape', { inputs: good.map((t, i) => (i === 0 ? { ...t, shape: [3] } : t)) }, 'input-shape', good[0].name],
      ['tensors of different lengths', { inputs: good.map((t, i) => (i === 1 ? { ...t, shape: [1], data: t.data.slice(0, 1) } : t)) }, 'input-shape', good[1].name],
      ['the same tensor twice', { inputs: [...good, good[0]] }, 'input-shape', good[0].name],
      ['text in an FP64 tensor', { inputs: good.map((t) => (t.datatype === 'FP64' ? { ...t, data: ['x', 'y'] } : t)) }, 'input-type', good.find((t) => t.datatype === 'FP64')?.name ?? null],
      ['an unknown output', { inputs: good, outputs: [{ name: 'logits' }] }, 'input-shape', null],
      ['id that is not text', { id: 7, inputs: good }, 'input-shape', null],
    ]
    for (const [what, payload, code, column] of cases) {
      const response = await infer('/v2/models/ms/infer', payload)
      expect(response.statusCode, what).toBe(400)
      const body = response.json()
      expect(body.error_code, what).toBe(code)
      expect(body.column, what).toBe(column)
      expect(body.error, what).toBe(body.message)
    }
  })

  it('400 from core naming row and column: a missing column, text where a number belongs', async () => {
    const records = sampleRecords('ms-treatment.csv', 2)
    const withoutAge = tensors(records).filter((t) => t.name !== 'age')
    const missing = (await infer('/v2/models/ms/infer', { inputs: withoutAge })).json()
    expect(missing.error_code).toBe('input-missing-column')
    expect(missing.column).toMatch(/age/)
    const ageAsText = tensors(records).map((t) => (t.name === 'age' ? { ...t, datatype: 'BYTES', data: ['41', 'old'] } : t))
    const typed = (await infer('/v2/models/ms/infer', { inputs: ageAsText })).json()
    expect(typed.error_code).toBe('input-type')
    expect(typed.row).toBe(1)
    expect(typed.column).toBe('age')
  })

  it('405 with Allow for wrong methods on OIP routes', async () => {
    const post = await server.app.inject({ method: 'POST', url: '/v2/health/ready', payload: {} })
    expect(post.statusCode).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS')
    const getInfer = await get('/v2/models/ms/infer')
    expect(getInfer.statusCode).toBe(405)
    expect(getInfer.headers.allow).toBe('POST, OPTIONS')
    expect((await server.app.inject({ method: 'DELETE', url: '/v2/models/ms/versions/1' })).statusCode).toBe(405)
  })

  it('415 for a CSV body on infer', async () => {
    const response = await server.app.inject({ method: 'POST', url: '/v2/models/ms/infer', headers: { 'content-type': 'text/csv' }, payload: 'age\n3\n' })
    expect(response.statusCode).toBe(415)
  })
})
