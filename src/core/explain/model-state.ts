/**
 * What explanations need from a fitted model, read through the model's
 * public surface: the tree families' fitted ensemble (with node cover), the
 * linear models' coefficients and training means (from their JSON), the
 * neural net's network (from its JSON). One reader per family kind, so the
 * explainers never depend on a model's private fields.
 */
import { StudioError } from '../errors'
import type { Model, ModelJSON } from '../model/estimator'
import { networkFromJSON, type MlpNetwork } from '../model/mlp/network'
import { TreeModel } from '../model/tree/fitted-model'
import type { Ensemble } from '../model/tree/predictor'
import type { Matrix, Task } from '../types'
import { coverFromRows, shapTrees, type ShapTrees } from './tree-shap'

/** A tree family's ensemble, ready for TreeSHAP. */
export interface TreeState {
  kind: 'trees'
  task: Task
  classes: number
  /** 'shares': scores are class shares (tree, forest); 'logits': margins (boosting). */
  link: 'shares' | 'logits'
  trees: ShapTrees
}

/** A linear model: margin of output c = intercept[c] + Σ coef[c·p + j] x_j. */
export interface LinearState {
  kind: 'linear'
  task: Task
  classes: number
  /** Rows of coefficients: one for binary and regression, one per class for multinomial. */
  coef: Float64Array
  intercept: Float64Array
  /** Column means of the training matrix: the baseline. */
  means: Float64Array
}

/** The neural net. */
export interface MlpState {
  kind: 'mlp'
  task: Task
  classes: number
  net: MlpNetwork
}

export type ModelState = TreeState | LinearState | MlpState

/** Prepared ensembles by fitted ensemble: a served model is read once, not per request. */
const treeCache = new WeakMap<Ensemble, ShapTrees>()

/**
 * Reads what explaining `model` needs. `background` stands in for what older
 * models lack (node cover, training means); without it such a model cannot be
 * explained and the error says so.
 */
export function readModelState(model: Model, features: number, background?: Matrix): ModelState {
  if (model instanceof TreeModel) return readTrees(model, background)
  const json = model.toJSON()
  if (json.family === 'logistic' || json.family === 'linreg') return readLinear(json, features, background)
  if (json.family === 'mlp') {
    const net = networkFromJSON(json.network)
    return { kind: 'mlp', task: net.output === 'linear' ? 'regression' : net.classes === 2 ? 'binary' : 'multiclass', classes: net.classes, net }
  }
  throw new StudioError('explain-unsupported-model', `explain: models of family "${json.family}" cannot be explained yet; explanations cover trees, forests, boosting, linear and logistic regression and the neural net`)
}

function readTrees(model: TreeModel, background: Matrix | undefined): TreeState {
  const fitted = model.fittedState()
  const { ensemble } = fitted
  let trees = treeCache.get(ensemble)
  if (!trees) {
    const stored = ensemble.arrays.cover
    if (stored) {
      trees = shapTrees(ensemble.arrays, stored)
      treeCache.set(ensemble, trees)
    } else if (background) {
      // Not cached: the cover depends on the rows given.
      trees = shapTrees(ensemble.arrays, coverFromRows(ensemble.arrays, background))
    } else {
      throw new StudioError(
        'explain-no-cover',
        `explain: this ${model.family === 'gbdt' ? 'gradient boosting' : model.family === 'forest' ? 'random forest' : 'decision tree'} model was saved before explanations existed and does not record how much training data reached each node; train it again to explain its predictions`,
      )
    }
  }
  return { kind: 'trees', task: fitted.task, classes: fitted.classes, link: fitted.link, trees }
}

function readLinear(json: ModelJSON, features: number, background: Matrix | undefined): LinearState {
  const coef = Float64Array.from(json.coef as number[])
  const intercept = typeof json.intercept === 'number' ? Float64Array.of(json.intercept) : Float64Array.from(json.intercept as number[])
  const classes = json.family === 'linreg' ? 0 : (json.classes as number)
  const task: Task = classes === 0 ? 'regression' : classes === 2 ? 'binary' : 'multiclass'
  if (coef.length !== intercept.length * features) {
    throw new StudioError('explain-feature-mismatch', `explain: the model has ${coef.length / intercept.length} coefficient(s) per output but the matrix has ${features} column(s)`)
  }
  let means: Float64Array
  if (Array.isArray(json.featureMean)) means = Float64Array.from(json.featureMean as number[])
  else if (background) means = columnMeans(background)
  else {
    const name = json.family === 'linreg' ? 'linear regression' : 'logistic regression'
    throw new StudioError('explain-no-means', `explain: this ${name} model was saved before explanations existed and does not record its training means; train it again to explain its predictions`)
  }
  return { kind: 'linear', task, classes, coef, intercept, means }
}

/** Mean of each column over its non-missing values (0 for a column with none). */
export function columnMeans(X: Matrix): Float64Array {
  const { rows: n, cols: p, data } = X
  const sum = new Float64Array(p)
  const count = new Float64Array(p)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const v = data[i * p + j]
      if (v === v) {
        sum[j] += v
        count[j]++
      }
    }
  }
  return Float64Array.from(sum, (s, j) => (count[j] > 0 ? s / count[j] : 0))
}
