/**
 * MLflow's scoring protocol through `inject`: every payload style gives the
 * numbers `npm run predict` writes for the same rows, and every bad request
 * is a 4xx in one JSON shape that says what was wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '../../../../src/core/table/read/csv'
import type { NumericColumn } from '../../../../src/core/types'
import { predictMain } from '../../../../src/node/cli/predict'
import { bundleJson, inputNames, sample, sampleRecords, tempDir } from './support/bundles'
import { serveBundles, type TestServer } from './support/server'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

let server: TestServer
let ms: Record<string, unknown>
let edss: Record<string, unknown>
const N = 12

beforeAll(async () => {
  ms = await bundleJson('ms')
  edss = await bundleJson('edss')
  server = await serveBundles({ 'ms.json': ms })
})
afterAll(() => server.close())

type Prediction = { label?: string; probabilities?: Record<string, number>; value?: number }

/** What `npm run predict` writes for the first `n` rows of a sample file: per row, proba_<class> or prediction. */
async function cliPredictions(bundle: Record<string, unknown>, data: string, n: number): Promise<Record<string, number | string>[]> {
  const work = tempDir('mlflow-cli')
  try {
    const model = join(work.dir, 'model.json')
    writeFileSync(model, JSON.stringify(bundle))
    let stdout = ''
    const code = await predictMain(['--model', model, '--data', sample(data)], { stdout: (t) => void (stdout += t), stderr: () => undefined })
    expect(code).toBe(0)
    const table = parseCsv(stdout, 'predictions.csv').table
    return Array.from({ length: n }, (_, i) => {
      const row: Record<string, number | string> = {}
      for (const column of table.columns) {
        row[column.name] = column.type === 'number' ? (column as NumericColumn).values[i] : column.levels[column.codes[i]]
      }
      return row
    })
  } finally {
    work.remove()
  }
}

async function invoke(payload: unknown, query = '', contentType = 'application/json') {
  return server.app.inject({
    method: 'POST',
    url: `/invocations${query}`,
    headers: { 'content-type': contentType },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  })
}

describe('POST /invocations payload styles', () => {
  it('answers every payload style with the numbers npm run predict writes', async () => {
    const expected = await cliPredictions(ms, 'ms-treatment.csv', N)
    const names = inputNames(ms)
    const records = sampleRecords('ms-treatment.csv', N)
    const modelRecords = sampleRecords('ms-treatment.csv', N, names)
    const csvLines = (await import('node:fs')).readFileSync(sample('ms-treatment.csv'), 'utf8').split('\n').slice(0, N + 1).join('\n')
    const styles: [string, unknown, string?][] = [
      ['dataframe_split', { dataframe_split: { columns: Object.keys(records[0]), data: records.map((r) => Object.values(r)) } }],
      ['dataframe_split with index', { dataframe_split: { index: records.map((_, i) => i), columns: Object.keys(records[0]), data: records.map((r) => Object.values(r)) } }],
      ['dataframe_records', { dataframe_records: records }],
      ['instances as records', { instances: records }],
      ['instances as arrays in input order', { instances: modelRecords.map((r) => names.map((n) => r[n])) }],
      ['inputs as columns', { inputs: Object.fromEntries(names.map((n) => [n, modelRecords.map((r) => r[n])])) }],
      ['inputs as records', { inputs: records }],
      ['text/csv', csvLines, 'text/csv'],
      ['text/csv with a charset', csvLines, 'text/csv; charset=utf-8'],
    ]
    for (const [style, payload, type] of styles) {
      const response = await invoke(payload, '', type)
      expect(response.statusCode, style).toBe(200)
      expect(response.headers['content-type']).toMatch(/^application\/json/)
      const predictions = response.json().predictions as Prediction[]
      expect(predictions, style).toHaveLength(N)
      predictions.forEach((p, i) => {
        expect(p.label, style).toBe(expected[i].prediction)
        for (const [label, probability] of Object.entries(p.probabilities ?? {})) {
          // Bit for bit: the same core code, and JSON and the CLI's CSV both write round-trip doubles.
          expect(probability, `${style} row ${i} class ${label}`).toBe(expected[i][`proba_${label}`])
        }
        expect(Object.keys(p.probabilities ?? {}).sort()).toEqual(Object.keys(expected[i]).filter((k) => k.startsWith('proba_')).map((k) => k.slice(6)).sort())
      })
    }
  })

  it('a single record, and a single columnar row (scalars), are one prediction', async () => {
    const [record] = sampleRecords('ms-treatment.csv', 1, inputNames(ms))
    const a = (await invoke({ dataframe_records: [record] })).json().predictions
    const b = (await invoke({ inputs: record })).json().predictions
    expect(a).toHaveLength(1)
    expect(b).toEqual(a)
  })

  it('names the columns the model does not use once in warnings', async () => {
    const records = sampleRecords('ms-treatment.csv', 3).map((r) => ({ ...r, ward: 'B' }))
    const body = (await invoke({ dataframe_records: records })).json()
    expect(body.predictions).toHaveLength(3)
    expect(body.warnings).toHaveLength(1)
    expect(body.warnings[0]).toMatch(/ward/)
    expect(body.warnings[0]).toMatch(/patient_id/)
  })

  it('a missing key or null in a record is a missing value, not an error', async () => {
    const [record] = sampleRecords('ms-treatment.csv', 1, inputNames(ms))
    const withNull = { ...record, lesion_volume_ml: null }
    const { lesion_volume_ml: _dropped, ...withoutKey } = record
    const other = sampleRecords('ms-treatment.csv', 2, inputNames(ms))[1]
    // Two records so the column exists in the request, one lacking the key.
    const a = await invoke({ dataframe_records: [withNull, other] })
    const b = await invoke({ dataframe_records: [withoutKey, other] })
    expect(a.statusCode).toBe(200)
    expect(b.json().predictions).toEqual(a.json().predictions)
  })

  it('answers a regression bundle with values', async () => {
    const regression = await serveBundles({ 'edss.json': edss })
    try {
      const records = sampleRecords('ms-treatment.csv', 4)
      const response = await regression.app.inject({ method: 'POST', url: '/invocations', payload: { dataframe_records: records } })
      expect(response.statusCode).toBe(200)
      const expected = await cliPredictions(edss, 'ms-treatment.csv', 4)
      const predictions = response.json().predictions as Prediction[]
      expect(predictions.map((p) => p.value)).toEqual(expected.map((e) => e.prediction))
      expect(predictions.every((p) => p.label === undefined && p.probabilities === undefined)).toBe(true)
    } finally {
      await regression.close()
    }
  })

  it('says which version answered in headers', async () => {
    const response = await invoke({ dataframe_records: sampleRecords('ms-treatment.csv', 1) })
    expect(response.headers['x-model-name']).toBe('ms')
    expect(response.headers['x-model-version']).toBe('1')
  })
})

describe('MLflow health routes', () => {
  it('GET /ping and /health answer 200 with a model loaded; /version the studio version', async () => {
    for (const url of ['/ping', '/health']) {
      const response = await server.app.inject({ method: 'GET', url })
      expect(response.statusCode).toBe(200)
    }
    const version = await server.app.inject({ method: 'GET', url: '/version' })
    expect(version.statusCode).toBe(200)
    expect(version.body.trim()).toBe('9.9.9')
    expect((await server.app.inject({ method: 'HEAD', url: '/ping' })).statusCode).toBe(200)
  })

  it('answers 503 on /ping while no model is loaded', async () => {
    const empty = await serveBundles({})
    try {
      expect((await empty.app.inject({ method: 'GET', url: '/ping' })).statusCode).toBe(503)
      const invocation = await empty.app.inject({ method: 'POST', url: '/invocations', payload: { dataframe_records: [] } })
      expect(invocation.statusCode).toBe(503)
      expect(invocation.json().error_code).toBe('not-ready')
    } finally {
      await empty.close()
    }
  })
})

describe('bad requests to /invocations', () => {
  it('400 naming the column when a column the model needs is missing', async () => {
    const records = sampleRecords('ms-treatment.csv', 2).map(({ edss: _e, ...rest }) => rest)
    const response = await invoke({ dataframe_records: records })
    expect(response.statusCode).toBe(400)
    const body = response.json()
    expect(body.error_code).toBe('input-missing-column')
    expect(body.column).toMatch(/edss/)
    expect(body.message).toMatch(/edss/)
    expect(Object.keys(body).sort()).toEqual(['column', 'error_code', 'expected', 'message', 'row'])
  })

  it('400 naming the row, the column and what was expected for text where a number belongs', async () => {
    const records = sampleRecords('ms-treatment.csv', 3)
    records[2] = { ...records[2], age: 'forty' }
    const body = (await invoke({ dataframe_records: records })).json()
    expect(body.error_code).toBe('input-type')
    expect(body.row).toBe(2)
    expect(body.column).toBe('age')
    expect(body.expected).toMatch(/number/)
  })

  it('400 for broken JSON, an empty body, a body that is not an object, and payload shape errors', async () => {
    const cases: [unknown, string, number | null][] = [
      ['{"dataframe_records": [', 'body-not-json', null],
      ['[1, 2]', 'input-shape', null],
      ['"text"', 'input-shape', null],
      [{ rows: [] }, 'input-shape', null],
      [{ dataframe_records: [], instances: [] }, 'input-shape', null],
      [{ dataframe_records: { age: 3 } }, 'input-shape', null],
      [{ dataframe_records: [{ age: 3 }, 7] }, 'input-shape', 1],
      [{ dataframe_split: { columns: ['age', 'sex'], data: [[1, 'F'], [2]] } }, 'input-shape', 1],
      [{ dataframe_split: { columns: 'age', data: [] } }, 'input-shape', null],
      [{ dataframe_split: [] }, 'input-shape', null],
      [{ inputs: { age: [1, 2], edss: [3] } }, 'input-shape', null],
      [{ inputs: 5 }, 'input-shape', null],
    ]
    for (const [payload, code, row] of cases) {
      const response = await invoke(payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json().error_code, JSON.stringify(payload)).toBe(code)
      expect(response.json().row, JSON.stringify(payload)).toBe(row)
    }
    const empty = await server.app.inject({ method: 'POST', url: '/invocations', headers: { 'content-type': 'application/json' }, payload: '' })
    expect(empty.statusCode).toBe(400)
  })

  it('400 for a CSV body core cannot read', async () => {
    const response = await invoke('age,edss\n"unclosed,3\n', '', 'text/csv')
    expect(response.statusCode).toBe(400)
    expect(response.json().error_code).toMatch(/^csv-|^input-/)
  })

  it('413 above the body limit', async () => {
    const small = await serveBundles({ 'ms.json': ms }, { bodyLimit: 1024 })
    try {
      const records = sampleRecords('ms-treatment.csv', 50)
      const response = await small.app.inject({ method: 'POST', url: '/invocations', payload: { dataframe_records: records } })
      expect(response.statusCode).toBe(413)
      expect(response.json().error_code).toBe('body-too-large')
    } finally {
      await small.close()
    }
  })

  it('415 for other content types', async () => {
    for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const response = await invoke('age=3', '', type)
      expect(response.statusCode, type).toBe(415)
      expect(response.json().error_code).toBe('unsupported-media-type')
    }
  })

  it('404 for an unknown model or version, naming what is served', async () => {
    const unknown = await invoke({ dataframe_records: [] }, '?model=nope')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error_code).toBe('model-not-found')
    expect(unknown.json().message).toMatch(/ms/)
    const version = await invoke({ dataframe_records: [] }, '?model=ms&version=7')
    expect(version.statusCode).toBe(404)
    expect(version.json().error_code).toBe('model-version-not-found')
  })

  it('405 with an Allow header for a wrong method, whatever the body', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH'] as const) {
      const response = await server.app.inject({ method, url: '/invocations', headers: { 'content-type': 'text/plain' }, payload: method === 'GET' ? undefined : 'x' })
      expect(response.statusCode, method).toBe(405)
      expect(response.headers.allow).toBe('POST, OPTIONS')
      expect(response.json().error_code).toBe('method-not-allowed')
    }
    const post = await server.app.inject({ method: 'POST', url: '/ping' })
    expect(post.statusCode).toBe(405)
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS')
    const options = await server.app.inject({ method: 'OPTIONS', url: '/invocations' })
    expect(options.statusCode).toBe(204)
    expect(options.headers.allow).toBe('POST, OPTIONS')
  })

  it('404 in the same JSON shape for an unknown route', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/predict' })
    expect(response.statusCode).toBe(404)
    expect(response.json().error_code).toBe('not-found')
  })

  it('asks which model when a directory serves several and none is named', async () => {
    const two = await serveBundles({ 'ms.json': ms, 'edss.json': edss })
    try {
      const records = sampleRecords('ms-treatment.csv', 1)
      const ambiguous = await two.app.inject({ method: 'POST', url: '/invocations', payload: { dataframe_records: records } })
      expect(ambiguous.statusCode).toBe(400)
      expect(ambiguous.json().error_code).toBe('model-ambiguous')
      const named = await two.app.inject({ method: 'POST', url: '/invocations?model=edss', payload: { dataframe_records: records } })
      expect(named.statusCode).toBe(200)
      expect(typeof named.json().predictions[0].value).toBe('number')
    } finally {
      await two.close()
    }
  })
})
