/**
 * Gradient boosting ('gbdt'): second-order boosting as XGBoost does it. Each
 * round the objective turns the current scores into gradients and hessians,
 * the histogram learner grows one tree on them (one per class for softmax),
 * and the tree's leaf values, shrunk by the learning rate, are added to the
 * scores. Rows per round (subsample) and features per tree (colsampleByTree)
 * can be sampled; early stopping holds back a seeded, stratified validation
 * share and keeps the round with the lowest validation loss.
 */
import { StudioError, throwIfAborted } from '../../errors'
import { createRandom, type Random } from '../../random'
import type { Matrix } from '../../types'
import type { FitOptions, FitReport, LossPoint, ModelJSON } from '../estimator'
import { checkParams } from '../param-spec'
import { GBDT_PARAMS } from '../param-specs/gbdt'
import { MAX_BINS } from './binning'
import { prepareFit, weightedRows } from './fit-inputs'
import { fittedFromJSON, TreeModel } from './fitted-model'
import { TreeGrower } from './grower'
import { defaultHistogramKernel } from './kernel/default-kernel'
import { binWithKernel } from './kernel/workspace'
import { addSplitGains, normaliseImportance } from './importance'
import { binaryLogLoss, softmaxLoss, squaredError, type Objective } from './objectives'
import { EnsembleBuilder } from './predictor'
import { addLeafValues } from './leaf-values'
import { MAX_DEPTH_LIMIT } from './tree-params'
import { validationSplit } from './validation-split'

/** Parameters of the gradient boosting family (validated by the constructor), named as XGBoost’s where they mean the same. */
export interface GradientBoostingParams {
  /** Boosting rounds (trees per class); with early stopping, the most rounds. */
  nRounds: number
  /** Shrinkage of every tree's contribution (XGBoost's eta). */
  learningRate: number
  /** Greatest depth of a leaf (root = 0); null for no depth limit (then maxLeaves must be set). */
  maxDepth: number | null
  /** null: depth-wise growth. A number: leaf-wise growth (best gain first) up to this many leaves. */
  maxLeaves: number | null
  /** Least hessian sum per leaf (XGBoost's min_child_weight). */
  minChildWeight: number
  /** L2 penalty on leaf values. */
  lambda: number
  /** L1 penalty on leaf values. */
  alpha: number
  /** Least loss reduction for a split (XGBoost's gamma, applied while growing). */
  minGain: number
  /** Share of training rows drawn (without replacement, seeded) for each round. */
  subsample: number
  /** Share of features drawn for each tree. */
  colsampleByTree: number
  /** Stop after this many rounds without a lower validation loss; null: no early stopping, no validation split. */
  earlyStoppingRounds: number | null
  /** Share of training rows held back for early stopping (stratified by class). */
  validationFraction: number
  maxBins: number
  classWeight: 'none' | 'balanced'
  /** Seeds the row and feature sampling, the validation split and the row sample for bin edges. */
  seed: number
}

/** Defaults: XGBoost’s (100 rounds, depth 6, learning rate 0.1, lambda 1, min_child_weight 1), no sampling, no early stopping. */
export const GRADIENT_BOOSTING_DEFAULTS: GradientBoostingParams = {
  nRounds: 100,
  learningRate: 0.1,
  maxDepth: 6,
  maxLeaves: null,
  minChildWeight: 1,
  lambda: 1,
  alpha: 0,
  minGain: 0,
  subsample: 1,
  colsampleByTree: 1,
  earlyStoppingRounds: null,
  validationFraction: 0.1,
  maxBins: MAX_BINS,
  classWeight: 'none',
  seed: 0,
}
const FAMILY = 'gradient boosting'
const FAMILY_ID = 'gbdt'

/** The gradient boosting estimator (see the file header). */
export class GradientBoosting extends TreeModel {
  readonly family = FAMILY_ID
  readonly params: GradientBoostingParams
  protected readonly label = FAMILY

  constructor(params: Partial<GradientBoostingParams> = {}) {
    super()
    // Every parameter is checked against the family's spec (param-specs/gbdt.ts), which the page's form also draws from.
    this.params = checkParams(FAMILY, GBDT_PARAMS, GRADIENT_BOOSTING_DEFAULTS, params)
    if (this.params.maxDepth === null && this.params.maxLeaves === null) {
      throw new StudioError('bad-param', `${FAMILY}: maxDepth = null and maxLeaves = null would grow trees without limit; set maxDepth (1…${MAX_DEPTH_LIMIT}) or maxLeaves (2…65536)`)
    }
  }

  fit(X: Matrix, y: Float64Array, options: FitOptions = {}): FitReport {
    throwIfAborted(options.signal)
    const params = this.params
    const { task, classes, weights } = prepareFit(FAMILY, X, y, options, params.classWeight)
    const { rows: n, cols: p } = X
    const objective: Objective = task === 'regression' ? squaredError : classes === 2 ? binaryLogLoss : softmaxLoss(classes)
    const D = objective.outputs
    const random = createRandom(params.seed)
    const usable = weightedRows(weights)
    const early = params.earlyStoppingRounds !== null
    const { train, valid } = early ? validationSplit(FAMILY, usable, params.validationFraction, random, task === 'regression' ? undefined : y) : { train: usable, valid: new Uint32Array(0) }
    const kernel = options.histogramKernel ?? defaultHistogramKernel()
    // Edges come from the training rows only; validation rows are binned with them like any new row. The kernel's edges and binning where it has them (the same edges and codes).
    const data = binWithKernel(kernel, X, { maxBins: params.maxBins, seed: params.seed, rows: train })
    const base = objective.initialScores(y, weights, train)
    // The binary log loss's pass in WebAssembly where the kernel has it (the same bits as the objective's).
    const pass = objective.kind === 'binary' ? (kernel.binaryGradients?.(y, weights, train) ?? null) : null
    const grower = new TreeGrower(data, 1, {
      maxDepth: params.maxDepth ?? Infinity,
      maxLeaves: params.maxLeaves ?? Infinity,
      minSamplesLeaf: 1,
      minChildWeight: params.minChildWeight,
      lambda: params.lambda,
      alpha: params.alpha,
      minGain: params.minGain,
    }, undefined, kernel)
    // When every tree grows on all rows in order, the pass writes its gradients where the grower reads them at the root: no copy a tree.
    if (pass && params.subsample >= 1 && train.length === n) {
      const ordered = grower.orderedGradients()
      pass.target(ordered.g, ordered.h)
    }
    // The pass's arrays only now: the grower's workspace, made after the pass in the same memory, may have grown it.
    const scores = pass?.scores ?? new Float64Array(D * n)
    for (let c = 0; c < D; c++) scores.fill(base[c], c * n, (c + 1) * n)
    const g = pass?.g ?? new Float64Array(D * n)
    const h = pass?.h ?? new Float64Array(D * n)
    const gradients = (): number => (pass ? pass.run() : objective.gradients(scores, y, weights, train, g, h))
    const builder = new EnsembleBuilder(D, 1)
    // Gains per round, so that rounds dropped by early stopping do not count toward importance.
    const roundGains: Float64Array[] = []
    const allFeatures = Int32Array.from({ length: p }, (_, j) => j)
    const treeFeatures = Math.max(1, Math.round(params.colsampleByTree * p))
    const sampleBuffer = new Uint32Array(train.length)
    const passengerBuffer = new Uint32Array(n)
    const history: LossPoint[] = []
    let bestRound = 0
    let bestLoss = Infinity
    let rounds = 0
    const total = params.nRounds
    // Gradients for the next round and the loss after the last come from one pass.
    let trainLoss = gradients()
    for (let round = 1; round <= total; round++) {
      throwIfAborted(options.signal)
      const sample = params.subsample < 1 ? drawRows(train, params.subsample, random, sampleBuffer) : train
      // Without sampling or held-back rows the grower can treat the root as rows 0…n-1.
      const growRows = sample.length === n ? null : sample
      // Every other usable row (unsampled training rows, validation rows) rides down each tree for its score.
      const riders = sample === train && valid.length === 0 ? null : passengersOf(n, weights, sample, passengerBuffer)
      const gains = new Float64Array(p)
      roundGains.push(gains)
      for (let c = 0; c < D; c++) {
        const features = treeFeatures < p ? drawFeatures(p, treeFeatures, random) : allFeatures
        const tree = grower.grow(g.subarray(c * n, (c + 1) * n), h.subarray(c * n, (c + 1) * n), growRows, features, riders)
        builder.add(tree, c, params.learningRate)
        addSplitGains(gains, tree)
        if (pass) pass.addLeafValues(tree, params.learningRate)
        else addLeafValues(tree, params.learningRate, scores.subarray(c * n, (c + 1) * n))
      }
      rounds = round
      trainLoss = gradients()
      const validLoss = early ? objective.loss(scores, y, weights, valid) : undefined
      history.push(early ? { step: round, train: trainLoss, valid: validLoss } : { step: round, train: trainLoss })
      options.onProgress?.({ done: round, total, loss: trainLoss, validLoss, unit: 'round' })
      if (!early) continue
      if ((validLoss as number) < bestLoss) {
        bestLoss = validLoss as number
        bestRound = round
      } else if (round - bestRound >= (params.earlyStoppingRounds as number)) break
    }
    const kept = early ? bestRound : rounds
    builder.truncate(kept * D)
    const importance = new Float64Array(p)
    for (let r = 0; r < kept; r++) for (let j = 0; j < p; j++) importance[j] += roundGains[r][j]
    this.fitted = { task, classes, features: p, importance: normaliseImportance(importance), ensemble: builder.build(base, 1), link: 'logits' }
    const report: FitReport = {
      iterations: rounds,
      // With early stopping: converged when the validation loss stopped improving before the last round.
      converged: !early || bestRound < rounds,
      finalLoss: history[kept - 1]?.train ?? Number.NaN,
      history,
    }
    if (early) report.bestIteration = bestRound
    return report
  }

  /** Number of trees kept (rounds × trees per round). */
  treeCount(): number {
    return this.fittedOrThrow().ensemble.treeCount
  }

  static fromJSON(json: ModelJSON): GradientBoosting {
    const { params, fitted } = fittedFromJSON(FAMILY_ID, FAMILY, json, 'logits')
    const model = new GradientBoosting(params as Partial<GradientBoostingParams>)
    model.fitted = fitted
    return model
  }
}

/** Rows with positive weight that are not in `sample` (both ascending), written into `buffer`. */
function passengersOf(n: number, weights: Float64Array, sample: Uint32Array, buffer: Uint32Array): Uint32Array {
  let m = 0
  let s = 0
  for (let i = 0; i < n; i++) {
    if (s < sample.length && sample[s] === i) {
      s++
      continue
    }
    if (weights[i] > 0) buffer[m++] = i
  }
  return buffer.subarray(0, m)
}

/** Rows for one round: each training row with probability `share` (at least one row), in ascending order. */
function drawRows(train: Uint32Array, share: number, random: Random, buffer: Uint32Array): Uint32Array {
  let m = 0
  for (const i of train) if (random.next() < share) buffer[m++] = i
  if (m === 0) buffer[m++] = train[random.int(train.length)]
  return buffer.subarray(0, m)
}

/** `count` of the p features, drawn without replacement, ascending. */
function drawFeatures(p: number, count: number, random: Random): Int32Array {
  const all = Int32Array.from({ length: p }, (_, j) => j)
  for (let i = 0; i < count; i++) {
    const j = i + random.int(p - i)
    const t = all[i]
    all[i] = all[j]
    all[j] = t
  }
  return all.subarray(0, count).sort()
}

