/**
 * Reading an XGBoost JSON model (gbtree booster) into the studio's flat tree
 * ensemble: XGBoost's conditions become exact studio thresholds (float32.ts),
 * each tree is laid out again breadth-first with a split's children side by
 * side (deleted nodes dropped, children always after their parent), leaf
 * values and node cover (sum_hessian, which TreeSHAP weighs by) are carried
 * over, and base_score becomes the margin XGBoost starts every row from.
 * Anything the studio cannot reproduce exactly — another booster, objective,
 * categorical splits, vector leaves — is refused by name.
 */
import { StudioError } from '../../errors'
import { normaliseImportance } from '../../model/tree/importance'
import type { TreeEnsembleArrays } from '../../model/tree/predictor'
import type { Task } from '../../types'
import { conditionToThreshold } from './float32'
import { BINARY_OBJECTIVES, MULTICLASS_OBJECTIVES, SUPPORTED_OBJECTIVES } from './format'

/** What an XGBoost model is, read and checked. */
export interface XGBoostModelInfo {
  /** "1.7.4": the XGBoost that wrote the file. */
  xgboostVersion: string
  objective: string
  task: Task
  /** Classes (2 for binary); 0 for regression. */
  classes: number
  /** learner.feature_names, or null when the model was trained without names (f0, f1, … by position). */
  featureNames: string[] | null
  featureCount: number
  /** Boosting rounds (trees ÷ (classes × parallel trees)). */
  rounds: number
  trees: number
  /** The studio's ensemble: one column (binary, regression) or one per class, scale 1, base score as margins, cover from sum_hessian. */
  ensemble: TreeEnsembleArrays
  /** Total loss change per feature, normalised to sum 1 (XGBoost's "total_gain"). */
  importance: Float64Array
}

type Json = Record<string, unknown>

function fail(code: string, message: string): never {
  throw new StudioError(`xgboost/${code}`, `xgboost: ${message}`)
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('bad-model', `${path} is ${value === undefined ? 'missing' : 'not an object'}; is this a model saved with Booster.save_model("model.json")?`)
  return value as Json
}

function numbers(tree: Json, name: string, length: number, path: string): number[] {
  const v = tree[name]
  if (!Array.isArray(v) || v.length !== length || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    fail('bad-model', `${path}.${name} must be ${length} finite number(s) (one per node)`)
  }
  return v as number[]
}

/** A parameter XGBoost stores as a string holding an integer ("3"). */
function intParam(params: Json, name: string, path: string, fallback?: number): number {
  const v = params[name]
  if (v === undefined && fallback !== undefined) return fallback
  const n = typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN
  if (!Number.isInteger(n) || n < 0) fail('bad-model', `${path}.${name} is ${JSON.stringify(v) ?? 'missing'}; expected a whole number as a string`)
  return n
}

/** base_score: "5E-1" (XGBoost 1.x, 2.x) or "[5E-1]" / "[a,b,c]" (3.x, one per output). */
export function parseBaseScore(text: unknown, outputs: number): number[] {
  if (typeof text !== 'string') fail('bad-model', `learner.learner_model_param.base_score is ${JSON.stringify(text) ?? 'missing'}; expected a number as a string`)
  const trimmed = text.trim().replace(/^\(/, '[').replace(/\)$/, ']')
  let values: number[]
  if (trimmed.startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch {
      parsed = null
    }
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((v) => typeof v === 'number')) fail('bad-model', `base_score "${text}" is not a list of numbers`)
    values = parsed as number[]
  } else values = [Number(trimmed)]
  if (!values.every((v) => Number.isFinite(v))) fail('bad-model', `base_score "${text}" is not a finite number`)
  if (values.length === 1) return new Array<number>(outputs).fill(Math.fround(values[0]))
  if (values.length !== outputs) fail('bad-model', `base_score "${text}" has ${values.length} values for ${outputs} output(s)`)
  return values.map(Math.fround)
}

/**
 * binary:logistic keeps base_score as a probability and starts from its
 * logit, computed in float32 as XGBoost does (-logf(1/p - 1)); every other
 * objective read here keeps the margin itself.
 */
function baseMargin(objective: string, score: number): number {
  if (objective !== 'binary:logistic') return score
  if (!(score > 0 && score < 1)) fail('bad-model', `base_score ${score} of a binary:logistic model must be a probability strictly between 0 and 1`)
  return Math.fround(-Math.log(Math.fround(Math.fround(1 / score) - 1)))
}

/** Reads and checks a parsed XGBoost JSON model (see the file header). */
export function readXGBoostModel(json: unknown): XGBoostModelInfo {
  const doc = object(json, 'the model')
  const version = Array.isArray(doc.version) && doc.version.every((v) => typeof v === 'number') ? (doc.version as number[]).join('.') : 'unknown'
  const learner = object(doc.learner, 'learner')
  const booster = object(learner.gradient_booster, 'learner.gradient_booster')
  const boosterName = booster.name
  if (boosterName === 'gblinear') fail('unsupported-booster', 'the booster is "gblinear" (a linear model); only tree boosters ("gbtree") can be imported — train with booster="gbtree"')
  if (boosterName === 'dart') fail('unsupported-booster', 'the booster is "dart", whose trees are reweighted by dropout; only "gbtree" can be imported — train with booster="gbtree" (or save a dart model\'s trees as gbtree)')
  if (boosterName !== 'gbtree') fail('unsupported-booster', `the booster is ${JSON.stringify(boosterName) ?? 'missing'}; only "gbtree" can be imported`)
  const objectiveJson = object(learner.objective, 'learner.objective')
  const objective = String(objectiveJson.name)
  if (!SUPPORTED_OBJECTIVES.includes(objective)) {
    fail('unsupported-objective', `the objective "${objective}" cannot be imported; supported: ${SUPPORTED_OBJECTIVES.join(', ')}`)
  }
  const params = object(learner.learner_model_param, 'learner.learner_model_param')
  const featureCount = intParam(params, 'num_feature', 'learner_model_param')
  if (featureCount < 1) fail('bad-model', 'learner_model_param.num_feature is 0; the model has no features')
  const numClass = intParam(params, 'num_class', 'learner_model_param', 0)
  const numTarget = intParam(params, 'num_target', 'learner_model_param', 1)
  if (numTarget > 1) fail('unsupported-objective', `the model has ${numTarget} targets (multi-output regression); only single-target models can be imported`)
  const multiclass = (MULTICLASS_OBJECTIVES as readonly string[]).includes(objective)
  if (multiclass && numClass < 2) fail('bad-model', `objective ${objective} needs num_class ≥ 2, but the model says ${numClass}`)
  const groups = multiclass ? numClass : 1
  const task: Task = multiclass ? (numClass === 2 ? 'binary' : 'multiclass') : (BINARY_OBJECTIVES as readonly string[]).includes(objective) ? 'binary' : 'regression'
  const featureNames = readFeatureNames(learner, featureCount)

  const model = object(booster.model, 'learner.gradient_booster.model')
  const gbtreeParam = object(model.gbtree_model_param, 'gradient_booster.model.gbtree_model_param')
  const trees = model.trees
  if (!Array.isArray(trees)) fail('bad-model', 'gradient_booster.model.trees is not a list')
  const numTrees = intParam(gbtreeParam, 'num_trees', 'gbtree_model_param')
  if (numTrees !== trees.length) fail('bad-model', `gbtree_model_param.num_trees says ${numTrees} but there are ${trees.length} trees`)
  const parallel = Math.max(1, intParam(gbtreeParam, 'num_parallel_tree', 'gbtree_model_param', 1))
  const treeInfo = model.tree_info
  if (!Array.isArray(treeInfo) || treeInfo.length !== trees.length || !treeInfo.every((g) => Number.isInteger(g) && g >= 0 && g < groups)) {
    fail('bad-model', `gradient_booster.model.tree_info must give each of the ${trees.length} trees its output group 0…${groups - 1}`)
  }
  const base = parseBaseScore(params.base_score, groups).map((s) => baseMargin(objective, s))

  // A two-class softmax is a binary model: its margin is class 1's minus class 0's, so class 0's trees enter with their leaves negated.
  const twoClassSoftmax = multiclass && numClass === 2
  const outputs = task === 'multiclass' ? numClass : 1
  const builder = new LayoutBuilder(featureCount)
  for (let t = 0; t < trees.length; t++) {
    const group = treeInfo[t] as number
    const output = twoClassSoftmax ? 0 : group
    const sign = twoClassSoftmax && group === 0 ? -1 : 1
    builder.add(object(trees[t], `trees[${t}]`), `trees[${t}]`, output, sign)
  }
  const baseScore = twoClassSoftmax ? Float64Array.of(base[1] - base[0]) : Float64Array.from(base.slice(0, outputs))
  return {
    xgboostVersion: version,
    objective,
    task,
    classes: task === 'regression' ? 0 : Math.max(2, numClass),
    featureNames,
    featureCount,
    rounds: Math.floor(trees.length / (groups * parallel)),
    trees: trees.length,
    ensemble: builder.build(outputs, baseScore),
    importance: normaliseImportance(builder.gain),
  }
}

function readFeatureNames(learner: Json, featureCount: number): string[] | null {
  const types = learner.feature_types
  if (Array.isArray(types)) {
    const categorical = types.findIndex((t) => t === 'c')
    if (categorical >= 0) fail('categorical', `feature ${categorical} has type "c" (XGBoost's own categorical handling); the studio encodes categories itself — train XGBoost on one-hot or ordinal columns instead`)
  }
  const names = learner.feature_names
  if (!Array.isArray(names) || names.length === 0) return null
  if (names.length !== featureCount || !names.every((n) => typeof n === 'string' && n !== '')) {
    fail('bad-model', `learner.feature_names has ${names.length} entries for ${featureCount} features`)
  }
  const duplicate = names.find((n, i) => names.indexOf(n) !== i)
  if (duplicate !== undefined) fail('bad-model', `feature "${duplicate}" is named twice in learner.feature_names`)
  return names as string[]
}

/** Collects XGBoost trees into the studio's flat arrays, breadth-first with children side by side. */
class LayoutBuilder {
  readonly gain: Float64Array
  private feature: number[] = []
  private threshold: number[] = []
  private defaultLeft: number[] = []
  private left: number[] = []
  private right: number[] = []
  private value: number[] = []
  private cover: number[] = []
  private roots: number[] = []
  private treeOutput: number[] = []

  constructor(private readonly featureCount: number) {
    this.gain = new Float64Array(featureCount)
  }

  add(tree: Json, path: string, output: number, sign: number): void {
    const param = object(tree.tree_param, `${path}.tree_param`)
    const leafVector = intParam(param, 'size_leaf_vector', `${path}.tree_param`, 0)
    if (leafVector > 1) fail('unsupported-tree', `${path} has vector leaves (multi_strategy="multi_output_tree"); only one value per leaf can be imported`)
    const n = intParam(param, 'num_nodes', `${path}.tree_param`)
    if (n < 1) fail('bad-model', `${path} has no nodes`)
    const left = numbers(tree, 'left_children', n, path)
    const right = numbers(tree, 'right_children', n, path)
    const splitIndex = numbers(tree, 'split_indices', n, path)
    const condition = numbers(tree, 'split_conditions', n, path)
    const defaultLeft = numbers(tree, 'default_left', n, path)
    const hessian = numbers(tree, 'sum_hessian', n, path)
    const loss = Array.isArray(tree.loss_changes) && tree.loss_changes.length === n ? (tree.loss_changes as number[]) : null
    const splitType = Array.isArray(tree.split_type) && tree.split_type.length === n ? (tree.split_type as number[]) : null
    // Breadth-first: XGBoost node ids in the order they get studio slots; a split's two children get two adjacent slots.
    const order: number[] = [0]
    const slot = new Map<number, number>([[0, this.feature.length]])
    const start = this.feature.length
    this.roots.push(start)
    this.treeOutput.push(output)
    for (let k = 0; k < order.length; k++) {
      const id = order[k]
      const isLeaf = left[id] === -1
      const at = start + k
      if (isLeaf) {
        this.push(-1, 0, 0, 0, 0, sign * Math.fround(condition[id]), hessian[id])
        continue
      }
      const f = splitIndex[id]
      if (!Number.isInteger(f) || f < 0 || f >= this.featureCount) fail('bad-model', `${path} node ${id} splits on feature ${f}, outside 0…${this.featureCount - 1}`)
      if (splitType && splitType[id] !== 0) fail('categorical', `${path} node ${id} is a categorical split; the studio encodes categories itself — train XGBoost on one-hot or ordinal columns instead`)
      for (const child of [left[id], right[id]]) {
        if (!Number.isInteger(child) || child <= 0 || child >= n || slot.has(child)) fail('bad-model', `${path} node ${id} has child ${child}, which is outside 1…${n - 1} or reached twice`)
      }
      slot.set(left[id], start + order.length)
      order.push(left[id])
      slot.set(right[id], start + order.length)
      order.push(right[id])
      const l = slot.get(left[id]) as number
      this.push(f, conditionToThreshold(condition[id]), defaultLeft[id] ? 1 : 0, l, l + 1, 0, hessian[id])
      if (loss) this.gain[f] += Math.max(0, loss[id])
      if (this.feature.length !== at + 1) throw new Error('xgboost: layout out of step')
    }
  }

  private push(feature: number, threshold: number, defaultLeft: number, left: number, right: number, value: number, cover: number): void {
    this.feature.push(feature)
    this.threshold.push(threshold)
    this.defaultLeft.push(defaultLeft)
    this.left.push(left)
    this.right.push(right)
    this.value.push(value)
    // XGBoost keeps cover in float32; a negative one (never written by XGBoost) would break TreeSHAP's shares.
    this.cover.push(Math.max(0, Math.fround(cover)))
  }

  build(outputs: number, baseScore: Float64Array): TreeEnsembleArrays {
    return {
      outputs,
      leafWidth: 1,
      scale: 1,
      baseScore,
      roots: Int32Array.from(this.roots),
      treeOutput: Int32Array.from(this.treeOutput),
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      defaultLeft: Uint8Array.from(this.defaultLeft),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
      cover: Float64Array.from(this.cover),
    }
  }
}
