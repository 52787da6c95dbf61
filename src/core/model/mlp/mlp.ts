import { createRandom } from '../../random'
import type { Matrix } from '../../types'
import { argmaxRowsAsValues, checkMatrixWidth, notClassifierError, notFittedError, type FitOptions, type FitReport, type Model, type ModelJSON } from '../estimator'
import { forwardProba, forwardValues } from './forward'
import { networkFromJSON, networkToJSON, type MlpNetwork } from './network'
import { MLP_FAMILY, parseMlpParams, type MlpParams } from './params'
import { checkFinite, encodeTargets, initialLayers, rowWeights, standardisation, standardisedInputs, validationSplit } from './prepare'

/**
 * A small multilayer perceptron for binary and multiclass classification and
 * regression. Fitting runs in tfjs (Adam; sigmoid or softmax cross-entropy, or
 * squared error) on whatever tfjs backend is active, loaded only when `fit` is
 * called; prediction is a plain-JavaScript forward pass over the fitted
 * weights, so bundles predict in the page and on the Node server without tfjs.
 *
 * Reproducible for a given seed on tfjs' 'cpu' and (single-threaded) 'wasm'
 * backends: the validation split, initial weights, batch order and dropout
 * masks all come from the seeded generator. The backends sum in different
 * orders, so cpu and wasm models differ in the last float bits (~1e-8 in the
 * weights), while wasm in the page and wasm in Node give the same weights.
 * Which backend runs is the adapter's choice (tfjs-setup.ts).
 */
export class MultilayerPerceptron implements Model {
  readonly family = 'mlp'
  readonly params: MlpParams
  private network: MlpNetwork | null = null

  /** Validates and stores the parameters (see MlpParams); a bad one throws naming it and its range. */
  constructor(params: Partial<Record<keyof MlpParams, unknown>> = {}) {
    this.params = parseMlpParams(params)
  }

  /** True once fitted for a classification task. */
  get isClassifier(): boolean {
    return this.network !== null && this.network.output !== 'linear'
  }

  /** Fits with tfjs; checks the inputs before loading it. Resolves with the loss per epoch and the backend that ran. */
  async fit(X: Matrix, y: Float64Array, options: FitOptions = {}): Promise<FitReport> {
    const { rows: n, cols: p } = X
    if (y.length !== n) throw new Error(`${MLP_FAMILY}: ${n} rows of features but ${y.length} targets`)
    if (n < 2) throw new Error(`${MLP_FAMILY}: ${n} training row(s); at least 2 are needed`)
    checkFinite(X)
    const regression = options.task === 'regression'
    const targets = encodeTargets(y, regression, regression ? undefined : options.classCount)
    const weights = rowWeights(y, targets.classes, this.params.classWeight, options.sampleWeight)
    const { mean, scale } = standardisation(X)
    // One generator, drawn in a fixed order: split, initial weights, then batches and dropout.
    const random = createRandom(this.params.seed)
    const split = validationSplit(y, targets.classes, this.params.validationFraction, random)
    const sizes = [p, ...this.params.hiddenLayers, targets.units]
    const layers = initialLayers(sizes, this.params.activation, random)
    // Regression losses are computed on the standardised target; report them in the target's units².
    const lossScale = targets.targetScale ** 2
    const { trainNetwork } = await import('./train-tf')
    const outcome = await trainNetwork({
      params: this.params,
      output: targets.output,
      features: p,
      x: standardisedInputs(X, mean, scale),
      targets: targets.values,
      weights,
      trainRows: split.train,
      validRows: split.valid,
      layers,
      random,
      signal: options.signal,
      onEpoch: (epoch, train, valid) =>
        options.onProgress?.({ done: epoch, total: this.params.epochs, loss: train * lossScale, validLoss: valid === undefined ? undefined : valid * lossScale, unit: 'epoch' }),
    })
    this.network = {
      output: targets.output,
      activation: this.params.activation,
      classes: targets.classes,
      features: p,
      inputMean: mean,
      inputScale: scale,
      targetMean: targets.targetMean,
      targetScale: targets.targetScale,
      layers: outcome.layers,
    }
    const history = outcome.history.map((point) => ({
      step: point.step,
      train: point.train === undefined ? undefined : point.train * lossScale,
      valid: point.valid === undefined ? undefined : point.valid * lossScale,
    }))
    if (outcome.stoppedEarly) {
      // Early stopping ends before `epochs`: a last event with done = total tells the page the run is complete.
      options.onProgress?.({ done: outcome.epochsRun, total: outcome.epochsRun, loss: history[history.length - 1].train, validLoss: history[history.length - 1].valid, unit: 'epoch' })
    }
    const report: FitReport = {
      iterations: outcome.epochsRun,
      converged: outcome.stoppedEarly,
      finalLoss: history[outcome.keptEpoch - 1].train ?? NaN,
      history,
      backend: outcome.backend,
    }
    // Only early stopping chooses an epoch; without it the last epoch is simply the model, and no "kept epoch" is reported.
    if (outcome.earlyStopping) report.bestIteration = outcome.keptEpoch
    return report
  }

  predictProba(X: Matrix): Float64Array {
    const net = this.fittedNetwork(X)
    if (net.output === 'linear') throw notClassifierError(MLP_FAMILY)
    return forwardProba(net, X)
  }

  predict(X: Matrix): Float64Array {
    const net = this.fittedNetwork(X)
    return net.output === 'linear' ? forwardValues(net, X) : argmaxRowsAsValues(forwardProba(net, X), net.classes)
  }

  /**
   * Mean |weight| from each input to the first hidden layer. The network sees
   * inputs standardised, so this equals the mean |weight on the raw input| ×
   * the input's standard deviation in the fitting rows: how strongly a typical
   * (one-sd) change in the input drives the first layer. A rough guide — deeper
   * layers can amplify or cancel it — comparable across inputs, not models.
   */
  featureImportance(): Float64Array {
    const net = this.network
    if (!net) throw notFittedError(MLP_FAMILY)
    const { inputs, units, kernel } = net.layers[0]
    const out = new Float64Array(inputs)
    for (let j = 0; j < inputs; j++) {
      let sum = 0
      for (let u = 0; u < units; u++) sum += Math.abs(kernel[j * units + u])
      out[j] = sum / units
    }
    return out
  }

  toJSON(): ModelJSON {
    const net = this.network
    if (!net) throw notFittedError(MLP_FAMILY)
    return { family: this.family, params: { ...this.params, hiddenLayers: [...this.params.hiddenLayers] }, network: networkToJSON(net) }
  }

  /** Rebuilds a fitted model from toJSON's output; it predicts identically and needs no tfjs. */
  static fromJSON(json: ModelJSON): MultilayerPerceptron {
    if (json.family !== 'mlp') throw new Error(`${MLP_FAMILY}: model JSON has family ${JSON.stringify(json.family)}; expected "mlp"`)
    const model = new MultilayerPerceptron((json.params ?? {}) as Partial<MlpParams>)
    model.network = networkFromJSON(json.network)
    return model
  }

  private fittedNetwork(X: Matrix): MlpNetwork {
    const net = this.network
    if (!net) throw notFittedError(MLP_FAMILY)
    checkMatrixWidth(MLP_FAMILY, X, net.features)
    return net
  }
}
