import { describe, expect, it } from 'vitest'
import { Predictor } from '../../../../src/core/bundle/predictor'
import { goldenJson, msSample, readTable, tableRecords, trainMs } from './helpers'

/**
 * predictRecords({ explain: true }) adds each answered row's explanation,
 * computed from the same transformed rows the model scored: contributions plus
 * the expected value give back the row's answer (log-odds → probability).
 */
const logistic = (z: number): number => 1 / (1 + Math.exp(-z))
const total = (e: { expectedValue: number; contributions: Record<string, number> }): number =>
  Object.values(e.contributions).reduce((a, b) => a + b, e.expectedValue)

describe('Predictor explanations', () => {
  it.each([
    ['logistic', {}, 'linear'],
    ['gbdt', { nRounds: 20 }, 'tree-shap'],
  ] as const)('%s: every answered row carries contributions that add up to its probability', async (family, params, method) => {
    const { table, recipe } = await msSample()
    const { bundle } = await trainMs(table, recipe, { family, params })
    const predictor = Predictor.fromBundle(JSON.parse(JSON.stringify(bundle)))
    const records = tableRecords(table, [0, 3, 5, 8, 13, 21])
    const plain = predictor.predictRecords(records)
    const explained = predictor.predictRecords(records, { explain: true })
    expect(plain.rows.every((r) => r?.explanation === undefined)).toBe(true)
    explained.rows.forEach((row, i) => {
      expect(row).not.toBeNull()
      expect(row!.probabilities).toEqual(plain.rows[i]!.probabilities)
      const e = row!.explanation!
      expect(e.method).toBe(method)
      expect(e.forClass).toBe(bundle.target.labels[1])
      expect(Object.keys(e.contributions).sort()).toEqual(bundle.pipeline.inputs.map((c) => c.name).sort())
      expect(Math.abs(logistic(total(e)) - row!.probabilities![bundle.target.labels[1]])).toBeLessThan(1e-9)
    })
  })

  it('a row explains the same alone as in a batch', async () => {
    const { table, recipe } = await msSample()
    const { bundle } = await trainMs(table, recipe, { family: 'gbdt', params: { nRounds: 10 } })
    const predictor = Predictor.fromBundle(JSON.parse(JSON.stringify(bundle)))
    const batch = predictor.predictRecords(tableRecords(table, [1, 2, 3]), { explain: true })
    const alone = predictor.predictRecords(tableRecords(table, [2]), { explain: true })
    expect(alone.rows[0]!.explanation).toEqual(batch.rows[1]!.explanation)
  })

  it('a bundle saved before explanations existed still predicts, with a warning instead of contributions', async () => {
    const predictor = Predictor.fromBundle(goldenJson('v1-gbdt-parkinsons.json'))
    const table = await readTable('sample-data/parkinsons.csv')
    const result = predictor.predictRecords(tableRecords(table, [0, 1, 2]), { explain: true })
    expect(result.rows).toHaveLength(3)
    expect(result.rows.every((r) => r !== null && r.probabilities !== undefined && r.explanation === undefined)).toBe(true)
    expect(result.warnings.join(' ')).toMatch(/saved before explanations/)
  })
})
