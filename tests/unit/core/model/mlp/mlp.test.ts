import * as tf from '@tensorflow/tfjs'
import { describe, expect, it } from 'vitest'
import { CancelledError } from '../../../../../src/core/errors'
import type { FitProgress } from '../../../../../src/core/model/estimator'
import { MultilayerPerceptron } from '../../../../../src/core/model/mlp/mlp'
import { rowsOf, synthetic } from './helpers'

/** Small and quick: a few epochs over 240 rows take well under a second on tfjs' CPU backend. */
const QUICK = { hiddenLayers: [8], epochs: 8, batchSize: 32, earlyStoppingPatience: 0 }

describe('neural net: fitting', () => {
  it('learns a binary target, reports loss per epoch and the backend', async () => {
    const { X, y } = synthetic('binary')
    const model = new MultilayerPerceptron({ ...QUICK, epochs: 30 })
    const progress: FitProgress[] = []
    const report = await model.fit(X, y, { onProgress: (p) => progress.push(p) })
    expect(model.isClassifier).toBe(true)
    expect(report).toMatchObject({ iterations: 30, converged: false, backend: 'cpu' })
    // Early stopping is off (patience 0): no epoch was "kept", the last one is the model.
    expect(report.bestIteration).toBeUndefined()
    expect(report.history).toHaveLength(30)
    expect(report.history![29].train).toBeLessThan(report.history![0].train!)
    expect(report.history!.every((p) => p.valid !== undefined)).toBe(true)
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1))
    expect(progress[0]).toMatchObject({ total: 30, unit: 'epoch' })
    expect(progress[29].loss).toBeCloseTo(report.history![29].train!, 12)
    const predicted = model.predict(X)
    const accuracy = predicted.filter((c, i) => c === y[i]).length / y.length
    expect(accuracy).toBeGreaterThan(0.85)
    const proba = model.predictProba(X)
    for (let i = 0; i < X.rows; i++) expect(proba[2 * i] + proba[2 * i + 1]).toBeCloseTo(1, 12)
  })

  it('learns multiclass targets with a softmax output', async () => {
    const { X, y } = synthetic('multiclass')
    const model = new MultilayerPerceptron({ ...QUICK, epochs: 30, hiddenLayers: '16' })
    await model.fit(X, y, { task: 'multiclass', classCount: 4 })
    const proba = model.predictProba(X)
    expect(proba.length).toBe(X.rows * 4)
    const accuracy = model.predict(X).filter((c, i) => c === y[i]).length / y.length
    expect(accuracy).toBeGreaterThan(0.8)
  })

  it('learns a regression target in its own units and refuses class probabilities', async () => {
    const { X, y } = synthetic('regression')
    const model = new MultilayerPerceptron({ ...QUICK, epochs: 40, activation: 'tanh', hiddenLayers: [16] })
    const report = await model.fit(X, y, { task: 'regression' })
    expect(model.isClassifier).toBe(false)
    const predicted = model.predict(X)
    const mean = y.reduce((a, b) => a + b, 0) / y.length
    let sse = 0
    let sst = 0
    for (let i = 0; i < y.length; i++) {
      sse += (y[i] - predicted[i]) ** 2
      sst += (y[i] - mean) ** 2
    }
    expect(1 - sse / sst).toBeGreaterThan(0.8)
    // Reported losses are mean squared errors in the target's units², not standardised ones.
    expect(report.history![report.history!.length - 1].train).toBeGreaterThan(1)
    expect(() => model.predictProba(X)).toThrow(/fitted for regression/)
  })

  it('stops early on a stalled validation loss and keeps the best epoch', async () => {
    const { X, y } = synthetic('binary', 120)
    const model = new MultilayerPerceptron({ hiddenLayers: [32], learningRate: 0.05, epochs: 200, earlyStoppingPatience: 3, validationFraction: 0.3 })
    const progress: FitProgress[] = []
    const report = await model.fit(X, y, { onProgress: (p) => progress.push(p) })
    expect(report.converged).toBe(true)
    expect(report.iterations).toBeLessThan(200)
    const valid = report.history!.map((p) => p.valid!)
    expect(report.bestIteration).toBe(valid.indexOf(Math.min(...valid)) + 1)
    expect(report.iterations).toBe(report.bestIteration! + 3)
    // The last event says the shortened run is complete.
    expect(progress[progress.length - 1]).toMatchObject({ done: report.iterations, total: report.iterations })
  })

  it('is deterministic for a seed on the CPU backend, and the seed matters', async () => {
    const { X, y } = synthetic('binary')
    const params = { ...QUICK, dropout: 0.3, validationFraction: 0.2, earlyStoppingPatience: 2 }
    const fit = async (seed: number) => {
      const model = new MultilayerPerceptron({ ...params, seed })
      await model.fit(X, y)
      return model.toJSON()
    }
    const [a, b, c] = [await fit(1), await fit(1), await fit(2)]
    expect(b).toEqual(a)
    expect(c).not.toEqual(a)
  })

  it('applies balanced class weights', async () => {
    // 10% positives, weakly separated: balanced weights raise the predicted share of positives.
    const { X, y } = synthetic('binary', 240)
    for (let i = 0; i < y.length; i++) if (y[i] === 1 && i % 5 !== 0) y[i] = 0
    const share = async (classWeight: 'none' | 'balanced') => {
      const model = new MultilayerPerceptron({ ...QUICK, classWeight })
      await model.fit(X, y)
      return model.predict(X).reduce((a, b) => a + b, 0) / y.length
    }
    expect(await share('balanced')).toBeGreaterThan(await share('none'))
  })

  it('frees every tensor after fit and predict', async () => {
    const { X, y } = synthetic('multiclass', 100)
    const before = tf.memory().numTensors
    const model = new MultilayerPerceptron({ ...QUICK, epochs: 3, dropout: 0.2, l2: 0.01, validationFraction: 0.2, earlyStoppingPatience: 1 })
    await model.fit(X, y)
    expect(tf.memory().numTensors).toBe(before)
    model.predictProba(X)
    model.predict(X)
    expect(tf.memory().numTensors).toBe(before)
  })

  it('stops with CancelledError when aborted between epochs, freeing its tensors', async () => {
    const { X, y } = synthetic('binary', 100)
    const before = tf.memory().numTensors
    const controller = new AbortController()
    const model = new MultilayerPerceptron({ ...QUICK, epochs: 50 })
    const done: number[] = []
    const fit = model.fit(X, y, {
      signal: controller.signal,
      onProgress: (p) => {
        done.push(p.done)
        if (p.done === 2) controller.abort()
      },
    })
    await expect(fit).rejects.toBeInstanceOf(CancelledError)
    expect(done).toEqual([1, 2])
    expect(tf.memory().numTensors).toBe(before)
    expect(() => model.predict(X)).toThrow(/not fitted/)
  })
})

describe('neural net: contract', () => {
  it('refuses to predict before fitting and checks the input width', async () => {
    const { X, y } = synthetic('binary', 60)
    const model = new MultilayerPerceptron(QUICK)
    expect(() => model.predict(X)).toThrow(/not fitted/)
    expect(() => model.featureImportance()).toThrow(/not fitted/)
    expect(() => model.toJSON()).toThrow(/not fitted/)
    await model.fit(X, y)
    expect(() => model.predict({ rows: 1, cols: 3, data: new Float64Array(3) })).toThrow(/3 feature column\(s\) but the model was fitted on 4/)
  })

  it('rejects missing values, bad targets and bad weights before loading tfjs', async () => {
    const { X, y } = synthetic('binary', 60)
    const model = new MultilayerPerceptron(QUICK)
    const holes = { ...X, data: X.data.slice() }
    holes.data[4 * 3 + 2] = NaN
    await expect(model.fit(holes, y)).rejects.toThrow(/feature matrix has NaN at row 3, column 2; impute missing values first/)
    await expect(model.fit(X, y.map((v, i) => (i === 5 ? 0.5 : v)))).rejects.toThrow(/target at row 5 is 0.5; expected a class index/)
    await expect(model.fit(X, y.subarray(1))).rejects.toThrow(/60 rows of features but 59 targets/)
    await expect(model.fit(X, y, { classCount: 1 })).rejects.toThrow(/class 1 but classCount is 1/)
    await expect(model.fit(X, new Float64Array(60))).rejects.toThrow(/hold 1 class\(es\); at least 2/)
    await expect(model.fit(X, y, { sampleWeight: new Float64Array(60).fill(-1) })).rejects.toThrow(/sampleWeight at row 0 is -1/)
  })

  it('round-trips through JSON text and predicts identically without tfjs', async () => {
    for (const task of ['binary', 'multiclass', 'regression'] as const) {
      const { X, y } = synthetic(task, 80)
      const model = new MultilayerPerceptron({ ...QUICK, epochs: 3 })
      await model.fit(X, y, { task })
      const json = model.toJSON()
      const network = json.network as { layers: { kernel: unknown }[] }
      expect(typeof network.layers[0].kernel).toBe('string')
      const restored = MultilayerPerceptron.fromJSON(JSON.parse(JSON.stringify(json)))
      expect(Array.from(restored.predict(X))).toEqual(Array.from(model.predict(X)))
      if (task !== 'regression') expect(Array.from(restored.predictProba(X))).toEqual(Array.from(model.predictProba(X)))
      expect(Array.from(restored.featureImportance())).toEqual(Array.from(model.featureImportance()))
    }
  })

  it('names the bad field of a damaged model JSON', async () => {
    const { X, y } = synthetic('binary', 60)
    const model = new MultilayerPerceptron(QUICK)
    await model.fit(X, y)
    const json = JSON.parse(JSON.stringify(model.toJSON()))
    const damaged = (edit: (network: Record<string, any>) => void) => {
      const copy = JSON.parse(JSON.stringify(json))
      edit(copy.network)
      return () => MultilayerPerceptron.fromJSON(copy)
    }
    expect(damaged((n) => (n.output = 'relu'))).toThrow(/network.output is "relu"; expected sigmoid, softmax or linear/)
    expect(damaged((n) => (n.layers[0].inputs = 5))).toThrow(/network.layers\[0\].inputs is 5; expected 4/)
    expect(damaged((n) => (n.layers[1].bias = 'AAAA'))).toThrow(/network.layers\[1\].bias holds 0.75 float\(s\); expected 1/)
    expect(damaged((n) => n.inputMean.pop())).toThrow(/network.inputMean .* expected 4 finite numbers/)
    expect(damaged((n) => (n.classes = 3))).toThrow(/network.classes is 3; expected classes = 2 for a sigmoid output/)
    expect(damaged((n) => (n.weightsEncoding = 'json'))).toThrow(/weightsEncoding is "json"; expected float32-le-base64/)
  })

  it('predicts a subset as that subset of the predictions', async () => {
    const { X, y } = synthetic('multiclass', 80)
    const model = new MultilayerPerceptron(QUICK)
    await model.fit(X, y)
    const all = model.predictProba(X)
    expect(Array.from(model.predictProba(rowsOf(X, 10, 20)))).toEqual(Array.from(all.subarray(10 * 3, 20 * 3)))
  })

  it('ranks the informative input first by feature importance', async () => {
    const { X, y } = synthetic('binary')
    const model = new MultilayerPerceptron({ ...QUICK, epochs: 30 })
    await model.fit(X, y)
    const importance = Array.from(model.featureImportance())
    expect(importance).toHaveLength(4)
    expect(importance.every((v) => v >= 0)).toBe(true)
    expect(importance.indexOf(Math.max(...importance))).toBe(0)
  })
})
