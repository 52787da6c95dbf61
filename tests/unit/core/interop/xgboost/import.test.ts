import { describe, expect, it } from 'vitest'
import { parseBundle } from '../../../../../src/core/bundle/bundle'
import { Predictor } from '../../../../../src/core/bundle/predictor'
import { explainMatrix } from '../../../../../src/core/explain'
import { importXGBoost, readXGBoostModel } from '../../../../../src/core/interop/xgboost'
import { fixedWalk, walkBranching } from '../../../../../src/core/model/tree/walk'
import { fixtureExpected, fixtureModel, fixtureTable } from './fixtures'

/**
 * Models XGBoost (Debian's python3-xgboost) trained and saved, read back by
 * the studio: its predictions equal XGBoost's within 1e-6 and the studio's
 * TreeSHAP equals XGBoost's pred_contribs within 1e-5 — an independent check
 * of the studio's TreeSHAP on trees it did not grow. XGBoost sums in float32,
 * the studio in float64; the differences are float32 rounding.
 */
const CASES = ['binary', 'multiclass', 'softmax', 'regression', 'forest'] as const

describe('XGBoost JSON import', () => {
  it.each(CASES)('%s: predictions within 1e-6 and TreeSHAP within 1e-5 of XGBoost', async (name) => {
    const expected = fixtureExpected(name)
    const table = await fixtureTable(name)
    const { bundle, model, pipeline, info } = importXGBoost(fixtureModel(name), table, { target: expected.target })
    expect(info.xgboostVersion).toBe(expected.xgboostVersion)
    const X = pipeline.transform(table)
    expect(X.data.some((v) => Number.isNaN(v))).toBe(true)
    const n = X.rows
    const p = X.cols
    expect(n).toBe(expected.predictions.length)
    const K = info.task === 'multiclass' ? info.classes : 1
    // Margins: the studio's raw scores.
    const raw = model.fittedState().ensemble.predictRaw(X)
    let worstMargin = 0
    for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) worstMargin = Math.max(worstMargin, Math.abs(raw[i * K + k] - (K === 1 ? (expected.margins[i] as number) : (expected.margins[i] as number[])[k])))
    expect(worstMargin).toBeLessThan(1e-5)
    // Predictions: probabilities, classes or values, as XGBoost's predict gives them.
    let worst = 0
    if (info.task === 'regression') {
      const y = model.predict(X)
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(y[i] - (expected.predictions[i] as number)))
    } else if (expected.objective === 'multi:softmax') {
      const classes = model.predict(X)
      for (let i = 0; i < n; i++) expect(classes[i]).toBe(expected.predictions[i])
    } else {
      const proba = model.predictProba(X)
      const C = info.classes
      for (let i = 0; i < n; i++) {
        if (C === 2) worst = Math.max(worst, Math.abs(proba[i * 2 + 1] - (expected.predictions[i] as number)))
        else for (let k = 0; k < C; k++) worst = Math.max(worst, Math.abs(proba[i * C + k] - (expected.predictions[i] as number[])[k]))
      }
    }
    expect(worst).toBeLessThan(1e-6)
    // TreeSHAP, class by class, against pred_contribs (bias = the expected value).
    let worstShap = 0
    for (let k = 0; k < K; k++) {
      const forClass = info.task === 'regression' ? undefined : new Int32Array(n).fill(info.task === 'binary' ? 1 : k)
      const explanation = explainMatrix(model, X, { featureNames: pipeline.featureNames, forClass })
      for (let i = 0; i < n; i++) {
        const theirs = K === 1 ? (expected.contributions[i] as number[]) : (expected.contributions[i] as number[][])[k]
        for (let j = 0; j < p; j++) worstShap = Math.max(worstShap, Math.abs(explanation.contributions[i * p + j] - theirs[j]) / Math.max(1, Math.abs(theirs[j])))
        worstShap = Math.max(worstShap, Math.abs(explanation.expectedValue[i] - theirs[p]) / Math.max(1, Math.abs(theirs[p])))
      }
    }
    expect(worstShap).toBeLessThan(1e-5)
    // The bundle is a valid v2 bundle whose golden cases a Predictor re-checks on load.
    const reread = parseBundle(JSON.parse(JSON.stringify(bundle)))
    expect(reread.golden.length).toBeGreaterThan(0)
    expect(() => Predictor.fromBundle(reread)).not.toThrow()
    expect(Object.keys(bundle.metrics.heldOut).length).toBeGreaterThan(0)
  })

  it('two classes under multi:softprob: a binary model whose margin is class 1\'s minus class 0\'s, its SHAP values the difference too', async () => {
    const expected = fixtureExpected('softprob2')
    const table = await fixtureTable('softprob2')
    const { model, pipeline, info, bundle } = importXGBoost(fixtureModel('softprob2'), table, { target: expected.target })
    expect([info.task, info.classes, bundle.target.labels]).toEqual(['binary', 2, ['0', '1']])
    const X = pipeline.transform(table)
    const p = X.cols
    const proba = model.predictProba(X)
    const explanation = explainMatrix(model, X, { featureNames: pipeline.featureNames, forClass: new Int32Array(X.rows).fill(1) })
    let worst = 0
    let worstShap = 0
    for (let i = 0; i < X.rows; i++) {
      const probabilities = expected.predictions[i] as number[]
      worst = Math.max(worst, Math.abs(proba[2 * i] - probabilities[0]), Math.abs(proba[2 * i + 1] - probabilities[1]))
      const [c0, c1] = expected.contributions[i] as number[][]
      for (let j = 0; j <= p; j++) {
        const ours = j < p ? explanation.contributions[i * p + j] : explanation.expectedValue[i]
        worstShap = Math.max(worstShap, Math.abs(ours - (c1[j] - c0[j])))
      }
    }
    expect(worst).toBeLessThan(1e-6)
    expect(worstShap).toBeLessThan(1e-5)
  })

  it('binary:logitraw keeps base_score as the margin (no logit taken)', async () => {
    const expected = fixtureExpected('binary')
    const json = fixtureModel('binary') as { learner: { objective: { name: string }; learner_model_param: { base_score: string } } }
    json.learner.objective.name = 'binary:logitraw'
    json.learner.learner_model_param.base_score = String(Math.log(0.3 / 0.7))
    const table = await fixtureTable('binary')
    const { model, pipeline } = importXGBoost(json, table, { target: 'outcome' })
    const raw = model.fittedState().ensemble.predictRaw(pipeline.transform(table))
    for (let i = 0; i < raw.length; i++) expect(Math.abs(raw[i] - (expected.margins[i] as number))).toBeLessThan(1e-5)
  })

  it('lays trees out breadth-first with children side by side: the fixed walk applies and agrees with the branching walk', async () => {
    const table = await fixtureTable('binary')
    const { model, pipeline } = importXGBoost(fixtureModel('binary'), table, { target: 'outcome' })
    const arrays = model.fittedState().ensemble.arrays
    expect(fixedWalk(arrays)).not.toBeNull()
    const X = pipeline.transform(table)
    const viaFixed = model.fittedState().ensemble.predictRaw(X)
    const leaves = new Int32Array(X.rows)
    const sum = new Float64Array(X.rows).fill(arrays.baseScore[0])
    for (let t = 0; t < arrays.roots.length; t++) {
      walkBranching(arrays, arrays.roots[t], X, leaves)
      for (let i = 0; i < X.rows; i++) sum[i] += arrays.value[leaves[i]]
    }
    for (let i = 0; i < X.rows; i++) expect(viaFixed[i]).toBe(sum[i])
  })

  it('reads unnamed features (f0…f4) by position and named ones by name, in any column order', async () => {
    expect(readXGBoostModel(fixtureModel('multiclass')).featureNames).toBeNull()
    const table = await fixtureTable('binary')
    const shuffled = { ...table, columns: [...table.columns].reverse() }
    const a = importXGBoost(fixtureModel('binary'), table, { target: 'outcome' })
    const b = importXGBoost(fixtureModel('binary'), shuffled, { target: 'outcome' })
    expect(b.features).toEqual(a.features)
    expect(b.bundle.metrics.heldOut).toEqual(a.bundle.metrics.heldOut)
  })

  it.each([
    ['refused-gblinear', 'xgboost/unsupported-booster', /gblinear/],
    ['refused-dart', 'xgboost/unsupported-booster', /dart/],
    ['refused-poisson', 'xgboost/unsupported-objective', /count:poisson/],
  ])('refuses %s by name', (name, code, message) => {
    expect(() => readXGBoostModel(fixtureModel(name))).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }))
  })

  it('refuses data that lacks a named feature, and a target that is not class numbers', async () => {
    const table = await fixtureTable('binary')
    const without = { ...table, columns: table.columns.filter((c) => c.name !== 'frailty') }
    expect(() => importXGBoost(fixtureModel('binary'), without, { target: 'outcome' })).toThrow(expect.objectContaining({ code: 'xgboost/missing-features', message: expect.stringMatching(/"frailty"/) }))
    expect(() => importXGBoost(fixtureModel('binary'), table, { target: 'visits' })).toThrow(expect.objectContaining({ code: 'xgboost/target-is-feature' }))
    const regression = await fixtureTable('regression')
    expect(() => importXGBoost(fixtureModel('binary'), regression, { target: 'outcome' })).toThrow(expect.objectContaining({ code: 'xgboost/target-classes' }))
  })

  it('imports without a target: no metrics, labels are the class numbers', async () => {
    const table = await fixtureTable('binary')
    const withoutTarget = { ...table, columns: table.columns.filter((c) => c.name !== 'outcome') }
    const { bundle } = importXGBoost(fixtureModel('binary'), withoutTarget)
    expect(bundle.target.labels).toEqual(['0', '1'])
    expect(bundle.metrics.heldOut).toEqual({})
    expect(bundle.reference?.scores.source).toBe('training')
  })
})
