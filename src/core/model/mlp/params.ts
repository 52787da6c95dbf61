import { StudioError } from '../../errors'
import { checkParams } from '../param-spec'
import { MLP_PARAMS } from '../param-specs/mlp'

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
  // Every parameter but hiddenLayers is checked against the family's spec (param-specs/mlp.ts), which the page's form also draws from.
  const checked = checkParams(MLP_FAMILY, MLP_PARAMS, MLP_DEFAULTS as MlpParams, given)
  const params: MlpParams = { ...checked, hiddenLayers: hiddenLayersParam(checked.hiddenLayers) }
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
