import { describe, expect, it } from 'vitest'
import { rocAuc } from '../../../../../src/core/metrics/classification'
import { familyInfo } from '../../../../../src/core/model/registry'
import { DecisionTree } from '../../../../../src/core/model/tree/decision-tree'
import { GradientBoosting } from '../../../../../src/core/model/tree/gradient-boosting'
import { RandomForest } from '../../../../../src/core/model/tree/random-forest'
import { loadReferenceData, positiveScores, referenceFixture, takeRows } from './reference-data'

/**
 * Trend checks against XGBoost and scikit-learn on the same rows
 * (tests/fixtures/reference/make_tree_fixtures.py). Different binning and
 * random streams make exact equality impossible; the checks are that quality
 * lands within 0.01 of the reference.
 */
describe.each(referenceFixture.cases.map((c) => [c.name, c] as const))(`tree families against XGBoost ${referenceFixture.xgboost} / scikit-learn ${referenceFixture.sklearn}: %s`, (_, c) => {
  const data = loadReferenceData(c)
  const train = takeRows(data.X, data.y, c.train)
  const test = takeRows(data.X, data.y, c.test)
  const auc = (proba: Float64Array, y: Float64Array) => rocAuc(Array.from(y), positiveScores(proba)) as number

  it('gradient boosting with XGBoost’s parameters: held-out AUC within 0.01 of XGBoost hist', () => {
    const p = c.xgboost.params
    const params = { nRounds: p.n_estimators, maxDepth: p.max_depth, learningRate: p.learning_rate, maxBins: p.max_bin, lambda: p.reg_lambda, alpha: p.reg_alpha, minChildWeight: p.min_child_weight, minGain: p.gamma, subsample: p.subsample, colsampleByTree: p.colsample_bytree }
    const model = new GradientBoosting(params as never)
    model.fit(train.X, train.y)
    expect(Math.abs(auc(model.predictProba(test.X), test.y) - c.xgboost.testAuc)).toBeLessThan(0.01)
    // The same with missing values left in: our learned directions against XGBoost's.
    const rawTrain = takeRows(data.raw, data.y, c.train)
    const rawTest = takeRows(data.raw, data.y, c.test)
    const raw = new GradientBoosting(params as never)
    raw.fit(rawTrain.X, rawTrain.y)
    expect(Math.abs(auc(raw.predictProba(rawTest.X), rawTest.y) - c.xgboost.testAucWithMissing)).toBeLessThan(0.01)
  })

  it('random forest (100 trees): held-out AUC within 0.01 of scikit-learn’s', () => {
    const model = new RandomForest({ nTrees: 100, seed: 0 })
    model.fit(train.X, train.y)
    expect(Math.abs(auc(model.predictProba(test.X), test.y) - c.randomForest.testAuc)).toBeLessThan(0.01)
  })

  it('decision tree of depth 4: training accuracy within 0.01 of scikit-learn’s', () => {
    const model = new DecisionTree({ maxDepth: 4, minSamplesLeaf: 1 })
    model.fit(train.X, train.y)
    const predicted = model.predict(train.X)
    const accuracy = predicted.filter((v, i) => v === train.y[i]).length / train.y.length
    expect(Math.abs(accuracy - c.decisionTree.trainAccuracy)).toBeLessThanOrEqual(0.01)
  })
})

describe('family defaults on the Parkinson sample (missing values left in)', () => {
  const c = referenceFixture.cases.find((x) => x.name === 'parkinsons')!
  const data = loadReferenceData(c)
  const train = takeRows(data.raw, data.y, c.train)
  const test = takeRows(data.raw, data.y, c.test)

  it.each([
    ['tree', 0.85],
    ['forest', 0.88],
    ['gbdt', 0.88],
  ] as const)('%s defaults reach a held-out AUC above %s', async (id, floor) => {
    const info = familyInfo(id)
    const model = info.create({ ...info.defaults })
    await model.fit(train.X, train.y, { task: 'binary', classCount: 2 })
    expect(rocAuc(Array.from(test.y), positiveScores(model.predictProba(test.X)))).toBeGreaterThan(floor)
  })
})
