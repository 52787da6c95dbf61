/**
 * A studio tree model as an XGBoost JSON model (the form python3-xgboost 1.7.4
 * saves and loads; later versions load it too), over the pipeline's output
 * columns: XGBoost's margins on the transformed matrix equal the studio's raw
 * scores.
 *
 * How each family maps:
 * - Gradient boosting: binary → binary:logistic, multiclass → multi:softprob
 *   (one tree per class and round, tree_info = class), regression →
 *   reg:squarederror. XGBoost's predictions are the studio's probabilities.
 * - Random forest and decision tree: their score is an average of leaf class
 *   shares (or values), with no link. Leaf values are multiplied by the
 *   forest's 1/trees, so XGBoost's sum of trees is the studio's average
 *   (num_parallel_tree = trees: one round of parallel trees, as XGBoost stores
 *   its own forests). The objective is reg:squarederror, whose prediction is
 *   the margin itself: binary → one output, the probability of the positive
 *   class; multiclass → one output per class (num_target = classes, one tree
 *   per class for each studio tree), the class probabilities. A classifier
 *   objective would put a sigmoid or softmax over shares that are already
 *   probabilities, so it is not used.
 * - Other families (logistic and linear regression, the neural net) have no
 *   trees and are refused by name.
 *
 * The base score goes into the first tree of each output (added to its
 * leaves; a one-leaf tree when an output has none), and base_score is the
 * neutral value (0.5 for binary:logistic, 0 otherwise): XGBoost 1.7 keeps one
 * base_score for all outputs, and multiclass bases differ per class.
 * Thresholds become float32 conditions (float32.ts); leaf values and cover
 * are float32 in XGBoost. Children are written side by side (right = left + 1),
 * which XGBoost 1.7's predictor assumes.
 */
import type { ModelBundle } from '../../bundle/bundle'
import { StudioError } from '../../errors'
import { modelFromJSON } from '../../model/registry'
import { TreeModel } from '../../model/tree/fitted-model'
import type { TreeEnsembleArrays } from '../../model/tree/predictor'
import { thresholdToCondition } from './float32'
import { NO_PARENT, WRITTEN_VERSION, type XGBoostModelJSON, type XGBoostTree } from './format'

const FAMILY_NAMES: Record<string, string> = { logistic: 'logistic regression', linreg: 'linear regression', mlp: 'neural net' }

/** Writes the bundle's model as an XGBoost JSON model (see the file header); refuses families without trees by name. */
export function exportXGBoost(bundle: Pick<ModelBundle, 'model' | 'pipeline' | 'task'>): XGBoostModelJSON {
  const family = bundle.model.family
  if (family !== 'gbdt' && family !== 'forest' && family !== 'tree') {
    throw new StudioError(
      'xgboost/unsupported-family',
      `xgboost: a ${FAMILY_NAMES[family] ?? `"${family}"`} model has no trees, so it has no XGBoost form; export gradient boosting, random forest or decision tree models (or use the ONNX export)`,
    )
  }
  const model = modelFromJSON(bundle.model)
  if (!(model instanceof TreeModel)) throw new StudioError('xgboost/unsupported-family', `xgboost: the "${family}" model is not a tree model`)
  const fitted = model.fittedState()
  const arrays = fitted.ensemble.arrays
  const names = bundle.pipeline.featureNames
  if (names.length !== fitted.features) throw new StudioError('xgboost/bad-bundle', `xgboost: the pipeline names ${names.length} feature(s) but the model reads ${fitted.features}`)
  const boosting = family === 'gbdt'
  const K = fitted.classes
  const outputs = arrays.outputs
  const objective = !boosting || fitted.task === 'regression' ? 'reg:squarederror' : fitted.task === 'binary' ? 'binary:logistic' : 'multi:softprob'
  const multiTarget = !boosting && fitted.task === 'multiclass'

  const trees: XGBoostTree[] = []
  const treeInfo: number[] = []
  const baseDone = new Uint8Array(outputs)
  for (let t = 0; t < arrays.roots.length; t++) {
    for (let s = 0; s < arrays.leafWidth; s++) {
      const column = arrays.treeOutput[t] + s
      const base = baseDone[column] ? 0 : arrays.baseScore[column]
      baseDone[column] = 1
      trees.push(writeTree(arrays, t, s, base, names.length, trees.length))
      treeInfo.push(column)
    }
  }
  for (let column = 0; column < outputs; column++) {
    if (baseDone[column]) continue
    trees.push(leafTree(arrays.baseScore[column], names.length, trees.length))
    treeInfo.push(column)
  }
  // Group by output as XGBoost does within a round (its 2.x iteration slicing counts layers of num_parallel_tree × outputs).
  const order = trees.map((_, i) => i).sort((a, b) => treeInfo[a] - treeInfo[b] || a - b)
  const perOutput = trees.length / outputs
  const parallel = !boosting && Number.isInteger(perOutput) ? perOutput : 1
  return {
    version: [...WRITTEN_VERSION],
    learner: {
      attributes: {},
      feature_names: [...names],
      feature_types: names.map(() => 'float'),
      gradient_booster: {
        name: 'gbtree',
        model: {
          gbtree_model_param: { num_parallel_tree: String(parallel), num_trees: String(trees.length), size_leaf_vector: '0' },
          tree_info: (boosting ? treeInfo : order.map((i) => treeInfo[i])),
          trees: (boosting ? trees : order.map((i) => trees[i])).map((tree, id) => ({ ...tree, id })),
        },
      },
      learner_model_param: {
        base_score: objective === 'binary:logistic' ? '5E-1' : '0E0',
        boost_from_average: '0',
        num_class: String(objective === 'multi:softprob' ? K : 0),
        num_feature: String(names.length),
        num_target: String(multiTarget ? K : 1),
      },
      objective: objective === 'multi:softprob' ? { name: objective, softmax_multiclass_param: { num_class: String(K) } } : { name: objective, reg_loss_param: { scale_pos_weight: '1' } },
    },
  }
}

/** Studio tree t's leaf slot s as one XGBoost tree: breadth-first, children side by side; leaf values × scale, plus `base`. */
function writeTree(a: TreeEnsembleArrays, t: number, s: number, base: number, features: number, id: number): XGBoostTree {
  const order = [a.roots[t]]
  const parent = [NO_PARENT]
  const left: number[] = []
  const right: number[] = []
  for (let k = 0; k < order.length; k++) {
    const node = order[k]
    if (a.feature[node] < 0) {
      left.push(-1)
      right.push(-1)
      continue
    }
    left.push(order.length)
    right.push(order.length + 1)
    order.push(a.left[node], a.right[node])
    parent.push(k, k)
  }
  const leaf = order.map((node) => a.feature[node] < 0)
  const leafValue = order.map((node, k) => (leaf[k] ? Math.fround(a.scale * a.value[node * a.leafWidth + s] + base) : 0))
  const n = order.length
  return {
    tree_param: { num_deleted: '0', num_feature: String(features), num_nodes: String(n), size_leaf_vector: '0' },
    id,
    loss_changes: new Array<number>(n).fill(0),
    // Models saved before cover existed have none: 0 leaves XGBoost's SHAP undefined for them, and predictions unchanged.
    sum_hessian: order.map((node) => (a.cover ? Math.fround(a.cover[node]) : 0)),
    base_weights: leafValue,
    left_children: left,
    right_children: right,
    parents: parent,
    split_indices: order.map((node, k) => (leaf[k] ? 0 : a.feature[node])),
    split_conditions: order.map((node, k) => (leaf[k] ? leafValue[k] : thresholdToCondition(a.threshold[node]))),
    split_type: new Array<number>(n).fill(0),
    default_left: order.map((node, k) => (leaf[k] ? 0 : a.defaultLeft[node])),
    categories: [],
    categories_nodes: [],
    categories_segments: [],
    categories_sizes: [],
  }
}

/** A tree of one leaf holding `value` (an output's base score when no tree writes it). */
function leafTree(value: number, features: number, id: number): XGBoostTree {
  const v = Math.fround(value)
  return {
    tree_param: { num_deleted: '0', num_feature: String(features), num_nodes: '1', size_leaf_vector: '0' },
    id,
    loss_changes: [0],
    sum_hessian: [1],
    base_weights: [v],
    left_children: [-1],
    right_children: [-1],
    parents: [NO_PARENT],
    split_indices: [0],
    split_conditions: [v],
    split_type: [0],
    default_left: [0],
    categories: [],
    categories_nodes: [],
    categories_segments: [],
    categories_sizes: [],
  }
}

/** Tree fields XGBoost reads as floats. */
const FLOAT_FIELDS = new Set(['loss_changes', 'sum_hessian', 'base_weights', 'split_conditions'])

/**
 * The model as XGBoost's JSON text. XGBoost's parser types a number by how it
 * is written — `1` is an integer, `1.0` a float — and refuses an integer where
 * it reads a float ("Invalid cast, from Integer to Number"), so float fields
 * always carry a decimal point or an exponent, as XGBoost writes them.
 */
export function xgboostModelText(model: XGBoostModelJSON): string {
  return write(model, false)
}

function write(value: unknown, floats: boolean): string {
  if (Array.isArray(value)) return `[${value.map((v) => write(v, floats)).join(',')}]`
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`xgboost: cannot write ${value} as JSON`)
    const text = String(value)
    return floats && !/[.eE]/.test(text) ? `${text}.0` : text
  }
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([key, v]) => `${JSON.stringify(key)}:${write(v, FLOAT_FIELDS.has(key))}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}
