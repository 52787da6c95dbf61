/**
 * Explanations over both protocols: `?explain=true` (or MLflow's
 * params.explain) and the OIP parameter `explain` pass `explain: true` to
 * core's Predictor and answer each row's explanation — MLflow as the
 * RowExplanation object, OIP as the `contributions` [n, inputs] and
 * `expected_value` [n] tensors — with the very numbers core computes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleJson, inputNames, sampleRecords } from './support/bundles'
import { serveBundles, type TestServer } from './support/server'

let server: TestServer
const ms = await bundleJson('ms')

interface Explanation {
  method: string
  space: string
  expectedValue: number
  contributions: Record<string, number>
}

beforeAll(async () => {
  server = await serveBundles({ 'ms.json': ms, 'trees.json': await bundleJson('msTrees') })
})
afterAll(() => server.close())

describe('explanations', () => {
  it('are absent unless asked for', async () => {
    const records = sampleRecords('ms-treatment.csv', 2, inputNames(ms))
    const body = (await server.app.inject({ method: 'POST', url: '/invocations?model=ms', payload: { dataframe_records: records } })).json()
    expect(body.predictions.every((p: { explanation?: unknown }) => p.explanation === undefined)).toBe(true)
  })

  it('MLflow ?explain=true and params.explain answer core\'s explanation per row', async () => {
    const names = inputNames(ms)
    const records = sampleRecords('ms-treatment.csv', 3, names)
    for (const model of ['ms', 'trees']) {
      const byQuery = (await server.app.inject({ method: 'POST', url: `/invocations?model=${model}&explain=true`, payload: { dataframe_records: records } })).json()
      const byParams = (await server.app.inject({ method: 'POST', url: `/invocations?model=${model}`, payload: { dataframe_records: records, params: { explain: true } } })).json()
      expect(byParams).toEqual(byQuery)
      const core = server.store.snapshot.resolve(model)!.predictor.predictRecords({ columns: names, rows: records.map((r) => names.map((n) => r[n])) }, { explain: true })
      expect(byQuery.predictions).toEqual(JSON.parse(JSON.stringify(core.rows)))
      for (const p of byQuery.predictions as { explanation: Explanation }[]) {
        expect(Object.keys(p.explanation.contributions).sort()).toEqual([...names].sort())
        expect(Number.isFinite(p.explanation.expectedValue)).toBe(true)
      }
    }
  })

  it('OIP parameters.explain answers contributions and expected_value tensors with the same numbers', async () => {
    const names = inputNames(ms)
    const schema = ms.inputSchema as { name: string; type: string }[]
    const records = sampleRecords('ms-treatment.csv', 3, names)
    const mlflow = (await server.app.inject({ method: 'POST', url: '/invocations?model=trees&explain=true', payload: { dataframe_records: records } })).json().predictions as { explanation: Explanation }[]
    const inputs = schema.map((c) => ({ name: c.name, shape: [3], datatype: c.type === 'number' ? 'FP64' : 'BYTES', data: records.map((r) => r[c.name]) }))
    const body = (await server.app.inject({ method: 'POST', url: '/v2/models/trees/infer', payload: { parameters: { explain: true }, inputs } })).json()
    const contributions = body.outputs.find((o: { name: string }) => o.name === 'contributions')
    const expected = body.outputs.find((o: { name: string }) => o.name === 'expected_value')
    const columns = JSON.parse(contributions.parameters.columns) as string[]
    expect(columns).toEqual(schema.map((c) => c.name))
    expect(contributions.shape).toEqual([3, columns.length])
    expect(contributions.datatype).toBe('FP64')
    expect(contributions.parameters.method).toBe(mlflow[0].explanation.method)
    expect(contributions.data).toEqual(mlflow.flatMap((p) => columns.map((c) => p.explanation.contributions[c])))
    expect(expected).toMatchObject({ datatype: 'FP64', shape: [3], data: mlflow.map((p) => p.explanation.expectedValue) })
    // Not asked: no explanation tensors.
    const plain = (await server.app.inject({ method: 'POST', url: '/v2/models/trees/infer', payload: { inputs } })).json()
    expect(plain.outputs.map((o: { name: string }) => o.name)).toEqual(['label', 'probabilities'])
  })
})
