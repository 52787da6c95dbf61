/**
 * The server's JSON logs never carry patient values: a distinctive value is
 * sent through every path that answers (a good prediction, core's 400s, a
 * protocol 400, broken JSON, CSV, OIP tensors, URLs and query strings) and
 * must appear in no log line, at the most verbose level.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { bundleJson, inputNames, sampleRecords } from './support/bundles'
import { serveBundles, type TestServer } from './support/server'

const SECRET = 'ZZQ-7731-Kowalczyk'
const NUMBER_SECRET = 987654.125

let server: TestServer
let ms: Record<string, unknown>

beforeAll(async () => {
  ms = await bundleJson('ms')
  server = await serveBundles({ 'ms.json': ms })
  server.logger.level = 'trace'
})
afterAll(() => server.close())

it('logs one JSON line per request with route, status and model, and never a value from the request', async () => {
  const names = inputNames(ms)
  const [record] = sampleRecords('ms-treatment.csv', 1, names)
  const schema = ms.inputSchema as { name: string; type: string }[]
  const tensors = (override: Record<string, unknown>) =>
    schema.map((c) => ({ name: c.name, shape: [1], datatype: c.type === 'number' ? 'FP64' : 'BYTES', data: [c.name in override ? override[c.name] : record[c.name]] }))
  const requests: { method: 'POST' | 'GET'; url: string; payload?: unknown; type?: string; status: number }[] = [
    // Answered: an unseen category and an out-of-range number go into a prediction.
    { method: 'POST', url: '/invocations', payload: { dataframe_records: [{ ...record, treatment: SECRET, age: NUMBER_SECRET }] }, status: 200 },
    { method: 'POST', url: '/invocations', payload: { dataframe_records: [{ ...record, patient_id: SECRET }] }, status: 200 },
    // Core refuses: text where a number belongs (its message quotes the value).
    { method: 'POST', url: '/invocations', payload: { dataframe_records: [{ ...record, age: SECRET }] }, status: 400 },
    { method: 'POST', url: '/invocations', payload: { dataframe_split: { columns: names, data: [names.map((n) => (n === 'edss' ? SECRET : record[n]))] } }, status: 400 },
    // Broken JSON (V8's message quotes the text).
    { method: 'POST', url: '/invocations', payload: `{"dataframe_records": [{"age": ${SECRET}}]}`, type: 'application/json', status: 400 },
    // CSV with the value in a number column.
    { method: 'POST', url: '/invocations', payload: `${names.join(',')}\n${names.map((n) => (n === 'age' ? SECRET : record[n])).join(',')}\n`, type: 'text/csv', status: 400 },
    // OIP: a good request with the value in a category tensor and the id, and a datatype error quoting nothing but where.
    { method: 'POST', url: '/v2/models/ms/infer', payload: { id: SECRET, inputs: tensors({ gender: SECRET }) }, status: 200 },
    { method: 'POST', url: '/v2/models/ms/infer', payload: { inputs: tensors({ age: SECRET }) }, status: 400 },
    // Values in the URL and the query string.
    { method: 'POST', url: `/v2/models/${SECRET}/infer`, payload: { inputs: tensors({}) }, status: 404 },
    { method: 'POST', url: `/invocations?model=${SECRET}`, payload: { dataframe_records: [record] }, status: 404 },
    { method: 'GET', url: `/${SECRET}?q=${SECRET}`, status: 404 },
  ]
  for (const r of requests) {
    const response = await server.app.inject({
      method: r.method,
      url: r.url,
      headers: r.type ? { 'content-type': r.type } : undefined,
      payload: typeof r.payload === 'string' ? r.payload : (r.payload as Record<string, unknown> | undefined),
    })
    expect(response.statusCode, r.url).toBe(r.status)
  }
  const lines = server.logs.lines()
  const answered = lines.filter((l) => l.msg === 'request answered')
  expect(answered).toHaveLength(requests.length)
  expect(answered.map((l) => l.status)).toEqual(requests.map((r) => r.status))
  expect(answered[0]).toMatchObject({ method: 'POST', route: '/invocations', model: 'ms', version: '1', rows: 1, level: 'info' })
  expect(typeof answered[0].ms).toBe('number')
  expect(lines.filter((l) => l.msg === 'request refused').map((l) => l.error_code)).toContain('input-type')
  // The value is in the responses (the client sent it), but in no log line.
  expect(server.logs.text).not.toContain(SECRET)
  expect(server.logs.text).not.toContain('ZZQ')
  expect(server.logs.text).not.toContain(String(NUMBER_SECRET))
})
