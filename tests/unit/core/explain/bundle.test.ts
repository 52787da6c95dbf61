import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { explainRows } from '../../../../src/core/explain'
import { parseBundle } from '../../../../src/core/bundle/bundle'
import { modelFromJSON } from '../../../../src/core/model/registry'
import { FeaturePipeline } from '../../../../src/core/pipeline/pipeline'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import { takeRows } from '../../../../src/core/table/access'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { runTraining, type TrainingRequest } from '../../../../src/core/train/run-training'

/**
 * From a real training run to explanations: what the bundle carries (node
 * cover, training means, the pipeline) is all a predictor needs, and the
 * folded contributions add up to what the bundle's model predicts.
 */
const { table } = await readDataFile(new Uint8Array(readFileSync(new URL('../../../../sample-data/parkinsons.csv', import.meta.url))), 'parkinsons.csv')
const profile = profileTable(table)
const features = profile.columns.filter((c) => !['identifier', 'constant'].includes(c.kind) && c.name !== 'Diagnosis').map((c) => c.name)
const rows = takeRows(table, Int32Array.from({ length: 25 }, (_, i) => i * 7))

describe.each([
  ['logistic', {}, 'linear', 'log-odds'],
  ['gbdt', { nRounds: 30 }, 'tree-shap', 'log-odds'],
  ['forest', { nTrees: 15 }, 'tree-shap', 'probability'],
] as const)('a %s bundle from the Parkinson sample', (family, params, method, space) => {
  it('explains records through the bundle’s pipeline and model; contributions + expected value give the predicted probability', async () => {
    const request: TrainingRequest = { target: 'Diagnosis', task: 'binary', features, family, params, testShare: 0.2, seed: 42 }
    const { bundle } = await runTraining(table, request, { dataset: { name: 'parkinsons.csv', fingerprint: 'x' } })
    const loaded = parseBundle(JSON.parse(JSON.stringify(bundle)))
    const pipeline = FeaturePipeline.fromJSON(loaded.pipeline)
    const model = modelFromJSON(loaded.model)
    const X = pipeline.transform(rows)
    const proba = model.predictProba(X)
    const explanations = explainRows(model, pipeline, X, { classLabels: loaded.target.labels })
    explanations.forEach((e, i) => {
      expect(e).toMatchObject({ method, space, forClass: loaded.target.labels[1] })
      expect(Object.keys(e.contributions)).toEqual(pipeline.inputs.map((c) => c.name))
      const total = Object.values(e.contributions).reduce((a, b) => a + b, e.expectedValue)
      const p = proba[2 * i + 1]
      expect(Math.abs((space === 'log-odds' ? 1 / (1 + Math.exp(-total)) : total) - p)).toBeLessThan(1e-9)
    })
  })
})
