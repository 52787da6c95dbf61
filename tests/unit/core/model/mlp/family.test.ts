import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Predictor } from '../../../../../src/core/bundle/predictor'
import { FAMILIES, familyInfo } from '../../../../../src/core/model/registry'
import { readDataFile } from '../../../../../src/core/table/read/read-file'
import { profileTable } from '../../../../../src/core/table/profile/profile'
import { takeRows } from '../../../../../src/core/table/access'
import { runTraining, type TrainingRequest } from '../../../../../src/core/train/run-training'
import { holdoutSplit } from '../../../../../src/core/train/split'
import { encodeTarget } from '../../../../../src/core/train/target'

describe('the neural-net family', () => {
  it('is registered for every task, with help and defaults the estimator accepts', () => {
    const info = familyInfo('mlp')
    expect(Object.keys(FAMILIES)).toContain('mlp')
    expect(info.tasks).toEqual(['binary', 'multiclass', 'regression'])
    expect(info.handlesMissing).toBe(false)
    expect(info.params.map((p) => p.name).sort()).toEqual(Object.keys(info.defaults).sort())
    for (const spec of info.params) expect(spec.help.length).toBeGreaterThan(40)
    expect(() => info.create({ ...info.defaults })).not.toThrow()
    // A form's select sends the choice value as text; every offered architecture must parse.
    const layers = info.params.find((p) => p.name === 'hiddenLayers')!
    for (const choice of layers.choices!) expect(() => info.create({ hiddenLayers: choice.value })).not.toThrow()
    expect(layers.choices!.map((c) => c.value)).toContain(String(info.defaults.hiddenLayers))
  })

  it('keeps tfjs out of prediction: only train-tf.ts imports it, and only through a dynamic import', () => {
    const dir = new URL('../../../../../src/core/model/mlp/', import.meta.url).pathname
    const staticImports = (file: string) => [...readFileSync(join(dir, file), 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1])
    for (const file of readdirSync(dir)) {
      const tfjs = staticImports(file).filter((spec) => spec.startsWith('@tensorflow/') || spec === './train-tf')
      expect([file, tfjs]).toEqual([file, file === 'train-tf.ts' ? ['@tensorflow/tfjs'] : []])
    }
    expect(readFileSync(join(dir, 'mlp.ts'), 'utf8')).toContain("await import('./train-tf')")
  })
})

describe('the neural net on the Parkinson sample (defaults, tfjs CPU backend)', async () => {
  const { table } = await readDataFile(new Uint8Array(readFileSync(new URL('../../../../../sample-data/parkinsons.csv', import.meta.url))), 'parkinsons.csv')
  const features = profileTable(table)
    .columns.filter((c) => !['identifier', 'constant'].includes(c.kind) && c.name !== 'Diagnosis')
    .map((c) => c.name)
  const request: TrainingRequest = { target: 'Diagnosis', task: 'binary', features, family: 'mlp', params: { ...familyInfo('mlp').defaults }, testShare: 0.2, seed: 42 }
  const dataset = { name: 'parkinsons.csv', fingerprint: 'abc' }
  const result = await runTraining(table, request, { dataset })
  const logistic = await runTraining(table, { ...request, family: 'logistic', params: {} }, { dataset })

  it('scores a held-out AUC close to logistic regression', () => {
    expect(result.backend).toBe('cpu')
    expect(result.metrics.auc).toBeGreaterThan(0.85)
    expect(result.metrics.auc).toBeGreaterThan(logistic.metrics.auc! - 0.03)
    expect(result.history!.length).toBe(result.iterations)
    expect(result.bestIteration).toBeLessThanOrEqual(result.iterations)
  })

  it('ships a bundle that predicts the same held-out accuracy after a JSON round trip', () => {
    const predictor = Predictor.fromBundle(JSON.parse(JSON.stringify(result.bundle)))
    const y = encodeTarget(table.columns.find((c) => c.name === 'Diagnosis')!, 'binary').y
    const rows = holdoutSplit(Int32Array.from({ length: table.rowCount }, (_, i) => i), 0.2, 42, y).test
    const test = takeRows(table, rows)
    const truth = encodeTarget(test.columns.find((c) => c.name === 'Diagnosis')!, 'binary')
    const predictions = predictor.predict(test)
    const correct = predictions.labels.filter((label, i) => label === truth.labels[truth.y[i]]).length
    expect(correct / test.rowCount).toBeCloseTo(result.metrics.accuracy!, 12)
  })
})
