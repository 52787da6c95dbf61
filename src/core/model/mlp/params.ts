import { StudioError } from '../../errors'
import { choiceParam, numberParam, rejectUnknownParams } from '../params'

export const MLP_FAMILY = 'neural net'

export type MlpActivation = 'relu' | 'tanh'

export interface MlpParams {
  /** Units per hidden layer, input side first, e.g. [64, 32]. The page may send the text "64,32". */
  hiddenLayers: number[]
  activation: MlpActivation
  /** Share of hidden units switched off at random on each training step, in [0, 0.9). */
  dropout: number
  /** Penalty l2 · Σ w² on the connection weights (not biases), as Keras' kernel regulariser. */
  l2: number
  /** Adam's step size. */
  learningRate: number
  /** Upper limit on passes over the training rows. */
  epochs: number
  batchSize: number
  /** Stop after this many epochs without a better validation loss and keep the best weights; 0 = off. */
  earlyStoppingPatience: number
  /** Share of the fitting rows held back (stratified for classes, seeded) to watch validation loss; 0 = none. */
  validationFraction: number
  /** 'balanced' weighs each class by n / (k × its count), for imbalanced targets. */
  classWeight: 'none' | 'balanced'
  /** Seeds the weight initialisation, the validation split, the batch order and dropout. */
  seed: number
}

/**
 * Defaults chosen on the Parkinson sample (standardised numeric features): a
 * small, well-regularised net that early stopping halts after 20–50 epochs,
 * matching logistic regression's held-out AUC (~0.9) in a few seconds on the
 * tfjs CPU backend. Clinical tables are small; bigger nets mostly overfit.
 */
export const MLP_DEFAULTS: MlpParams = {
  hiddenLayers: [32, 16],
  activation: 'relu',
  dropout: 0.2,
  l2: 0.02,
  learningRate: 0.003,
  epochs: 100,
  batchSize: 64,
  earlyStoppingPatience: 10,
  validationFraction: 0.15,
  classWeight: 'none',
  seed: 42,
}

/** Limits that keep a browser tab responsive; a clinical table never needs more. */
export const MAX_HIDDEN_LAYERS = 4
export const MAX_UNITS = 512

/**
 * Validates every parameter (unknown names included) and fills defaults.
 * Errors name the parameter, the bad value and the allowed range.
 */
export function parseMlpParams(given: Partial<Record<keyof MlpParams, unknown>>): MlpParams {
  rejectUnknownParams(MLP_FAMILY, given, Object.keys(MLP_DEFAULTS))
  const p = { ...MLP_DEFAULTS, ...given }
  const params: MlpParams = {
    hiddenLayers: hiddenLayersParam(p.hiddenLayers),
    activation: choiceParam(MLP_FAMILY, 'activation', p.activation, ['relu', 'tanh'] as const),
    dropout: numberParam(MLP_FAMILY, 'dropout', p.dropout, 0, 0.9),
    l2: numberParam(MLP_FAMILY, 'l2', p.l2, 0, 1),
    learningRate: numberParam(MLP_FAMILY, 'learningRate', p.learningRate, 0, 1, { minExclusive: true }),
    epochs: numberParam(MLP_FAMILY, 'epochs', p.epochs, 1, 10000, { integer: true }),
    batchSize: numberParam(MLP_FAMILY, 'batchSize', p.batchSize, 1, 65536, { integer: true }),
    earlyStoppingPatience: numberParam(MLP_FAMILY, 'earlyStoppingPatience', p.earlyStoppingPatience, 0, 1000, { integer: true }),
    validationFraction: numberParam(MLP_FAMILY, 'validationFraction', p.validationFraction, 0, 0.5),
    classWeight: choiceParam(MLP_FAMILY, 'classWeight', p.classWeight, ['none', 'balanced'] as const),
    seed: numberParam(MLP_FAMILY, 'seed', p.seed, 0, 4294967295, { integer: true }),
  }
  // numberParam's ranges are closed; a dropout of 0.9 or more leaves too few units to learn from.
  if (params.dropout >= 0.9) throw new StudioError('bad-param', `${MLP_FAMILY}: dropout = ${params.dropout} is invalid; expected a number in [0, 0.9)`)
  if (params.earlyStoppingPatience > 0 && params.validationFraction === 0) {
    throw new StudioError(
      'bad-param',
      `${MLP_FAMILY}: earlyStoppingPatience = ${params.earlyStoppingPatience} needs validation rows, but validationFraction = 0; set validationFraction in (0, 0.5] or earlyStoppingPatience to 0`,
    )
  }
  return params
}

/** Accepts [64, 32] or the text "64,32" / "64 32" (what a form's select sends). */
function hiddenLayersParam(value: unknown): number[] {
  const units = Array.isArray(value)
    ? value
    : typeof value === 'string' && value.trim() !== ''
      ? value.split(/[\s,]+/).filter((s) => s !== '').map(Number)
      : null
  const ok =
    units !== null &&
    units.length >= 1 &&
    units.length <= MAX_HIDDEN_LAYERS &&
    units.every((u) => typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= MAX_UNITS)
  if (!ok) {
    throw new StudioError(
      'bad-param',
      `${MLP_FAMILY}: hiddenLayers = ${JSON.stringify(value)} is invalid; expected 1 to ${MAX_HIDDEN_LAYERS} layer sizes, each an integer in [1, ${MAX_UNITS}], e.g. [64, 32]`,
    )
  }
  return (units as number[]).slice()
}
