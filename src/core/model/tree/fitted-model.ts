/**
 * What a fitted tree family holds and how it predicts and serialises: the
 * task, class count, feature count, normalised importances and the flat tree
 * ensemble. Shared by the decision tree, the forest and boosting, which differ
 * only in how they grow trees and in the link from raw scores to probabilities.
 */
import { StudioError } from '../../errors'
import type { Matrix, Task } from '../../types'
import { argmaxRowsAsValues, notClassifierError, notFittedError, type FitOptions, type FitReport, type Model, type ModelJSON } from '../estimator'
import { checkPredictMatrix } from './fit-inputs'
import { logitsToProba, sharesToProba } from './links'
import { TreeEnsemble, type Ensemble } from './predictor'

/** Version of the families' model JSON (the ensemble carries its own). */
export const TREE_MODEL_VERSION = 1

/** The fitted state of a tree family. */
export interface FittedTrees {
  task: Task
  /** Number of classes; 0 for regression. */
  classes: number
  features: number
  importance: Float64Array
  ensemble: Ensemble
  /** How raw scores become probabilities: class shares (trees, forests) or logits (boosting). */
  link: 'shares' | 'logits'
}

/**
 * The part of every tree family that does not depend on how its trees grow:
 * predictions, importance and the JSON form of the fitted state. A family
 * declares its id, its name for messages and its parameters, and fits.
 */
export abstract class TreeModel implements Model {
  abstract readonly family: string
  abstract readonly params: object
  /** The family's name in messages ("random forest"). */
  protected abstract readonly label: string
  protected fitted: FittedTrees | null = null

  abstract fit(X: Matrix, y: Float64Array, options?: FitOptions): FitReport

  get isClassifier(): boolean {
    return this.fitted !== null && this.fitted.task !== 'regression'
  }

  predictProba(X: Matrix): Float64Array {
    return fittedProba(this.label, this.fitted, X)
  }

  predict(X: Matrix): Float64Array {
    return fittedPredict(this.label, this.fitted, X)
  }

  featureImportance(): Float64Array {
    return this.fittedOrThrow().importance.slice()
  }

  toJSON(): ModelJSON {
    return fittedToJSON(this.family, this.label, this.params, this.fitted)
  }

  /** The fitted state, read-only (what explanations walk); throws when unfitted. */
  fittedState(): Readonly<FittedTrees> {
    return this.fittedOrThrow()
  }

  /** The fitted state, or the family's "not fitted" error. */
  protected fittedOrThrow(): FittedTrees {
    if (!this.fitted) throw notFittedError(this.label)
    return this.fitted
  }
}

/** Class probabilities, row-major n × classes; throws for unfitted or regression models. */
export function fittedProba(family: string, f: FittedTrees | null, X: Matrix): Float64Array {
  if (!f) throw notFittedError(family)
  if (f.task === 'regression') throw notClassifierError(family)
  checkPredictMatrix(family, X, f.features)
  const raw = f.ensemble.predictRaw(X)
  return f.link === 'shares' ? sharesToProba(raw, X.rows, f.classes) : logitsToProba(raw, X.rows, f.classes)
}

/** Predicted class index (classification) or value (regression) per row. */
export function fittedPredict(family: string, f: FittedTrees | null, X: Matrix): Float64Array {
  if (!f) throw notFittedError(family)
  if (f.task !== 'regression') return argmaxRowsAsValues(fittedProba(family, f, X), f.classes)
  checkPredictMatrix(family, X, f.features)
  return f.ensemble.predictRaw(X)
}

/** The model JSON: family, version, parameters, what was fitted and the trees. */
export function fittedToJSON(familyId: string, family: string, params: object, f: FittedTrees | null): ModelJSON {
  if (!f) throw notFittedError(family)
  return {
    family: familyId,
    version: TREE_MODEL_VERSION,
    params: { ...params },
    task: f.task,
    classes: f.classes,
    features: f.features,
    importance: Array.from(f.importance),
    trees: f.ensemble.toJSON(),
  }
}

/** Reads fittedToJSON's output back; each bad or missing field is named. */
export function fittedFromJSON(familyId: string, family: string, json: ModelJSON, link: FittedTrees['link']): { params: Record<string, unknown>; fitted: FittedTrees } {
  const fail = (message: string): never => {
    throw new StudioError('bad-model', `${family}: model JSON ${message}`)
  }
  if (json.family !== familyId) fail(`is for family "${String(json.family)}", not "${familyId}"`)
  if (json.version !== TREE_MODEL_VERSION) fail(`version ${JSON.stringify(json.version)} is not supported; expected ${TREE_MODEL_VERSION}`)
  if (typeof json.params !== 'object' || json.params === null) fail('has no params object')
  const task = json.task
  if (task !== 'binary' && task !== 'multiclass' && task !== 'regression') fail(`task ${JSON.stringify(task)} is not binary, multiclass or regression`)
  const classes = json.classes
  if (typeof classes !== 'number' || !Number.isInteger(classes) || (task === 'regression' ? classes !== 0 : classes < 2)) fail(`classes ${JSON.stringify(classes)} does not fit task ${String(task)}`)
  const features = json.features
  if (typeof features !== 'number' || !Number.isInteger(features) || features < 1) fail(`features ${JSON.stringify(features)} is not a positive integer`)
  const importance = json.importance
  if (!Array.isArray(importance) || importance.length !== features || !importance.every((v) => typeof v === 'number')) fail(`importance must be ${String(features)} numbers`)
  let ensemble: TreeEnsemble
  try {
    ensemble = TreeEnsemble.fromJSON(json.trees, features as number)
  } catch (error) {
    throw new StudioError('bad-model', `${family}: model JSON ${(error as Error).message.replace(/^tree model: /, '')}`)
  }
  const outputs = (classes as number) > 2 ? (classes as number) : 1
  if (ensemble.arrays.outputs !== outputs) fail(`trees have ${ensemble.arrays.outputs} output column(s); ${String(task)} with ${String(classes)} classes needs ${outputs}`)
  return {
    params: json.params as Record<string, unknown>,
    fitted: { task: task as Task, classes: classes as number, features: features as number, importance: Float64Array.from(importance as number[]), ensemble, link },
  }
}
