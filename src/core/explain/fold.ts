/**
 * Folding matrix-feature contributions back to raw input columns: what the
 * page and the server show ("Age +0.42, Sex +0.10"). A source's one-hot
 * columns, its "was missing" indicator and its scaled or encoded column all
 * add up into it (Shapley values are additive, so the folded number is the
 * source's total effect); an input whose features selection dropped gets 0.
 */
import { StudioError } from '../errors'
import type { FeaturePipeline } from '../pipeline/pipeline'
import type { Scaler } from '../pipeline/scaler'
import type { MatrixExplanation, RowExplanation } from './types'

/**
 * One RowExplanation per row of `explanation`, with contributions per input
 * column of `pipeline` (in input order). `classLabels` names the classes (the
 * bundle's target labels); without them the class index is written as text.
 */
export function foldToInputs(pipeline: FeaturePipeline, explanation: MatrixExplanation, classLabels?: readonly string[]): RowExplanation[] {
  const names = pipeline.featureNames
  const { featureNames } = explanation
  if (featureNames.length !== names.length || featureNames.some((name, j) => name !== names[j])) {
    throw new StudioError('explain-feature-mismatch', `explain: the explanation has features ${JSON.stringify(featureNames)} but the pipeline makes ${JSON.stringify(names)}`)
  }
  const { sources, inputs, inputIndex, target, units: unitList } = foldPlan(pipeline)
  const p = names.length
  const units = explanation.linear ? unitList : []
  const rows: RowExplanation[] = []
  for (let i = 0; i < explanation.rows; i++) {
    const folded = new Float64Array(inputs.length)
    for (let j = 0; j < p; j++) if (target[j] >= 0) folded[target[j]] += explanation.contributions[i * p + j]
    const row: RowExplanation = {
      method: explanation.method,
      space: explanation.space,
      expectedValue: explanation.expectedValue[i],
      contributions: record(inputs, folded),
    }
    if (explanation.forClass) {
      const c = explanation.forClass[i]
      row.forClass = classLabels?.[c] ?? String(c)
    }
    if (explanation.approximation) row.approximation = foldErrors(explanation.approximation, i, inputs, inputIndex, sources, featureNames)
    if (explanation.linear && units.length > 0) {
      const { coef, means } = explanation.linear
      row.units = Object.fromEntries(units.map((u) => [u.input, { perUnit: coef[i * p + u.feature] / u.scale, reference: u.center + u.scale * means[u.feature] }]))
    }
    rows.push(row)
  }
  return rows
}

/** What folding needs from a fitted pipeline, worked out once per pipeline (a served pipeline folds every request). */
interface FoldPlan {
  /** The featureNames array it was made for: a refitted pipeline has a new one. */
  names: string[]
  sources: string[]
  inputs: string[]
  inputIndex: Map<string, number>
  /** Input index of each matrix column (−1: none). */
  target: Int32Array
  units: UnitColumn[]
}

const plans = new WeakMap<FeaturePipeline, FoldPlan>()

/** The fold plan of a pipeline, cached while its features stay the same. */
export function foldPlan(pipeline: FeaturePipeline): FoldPlan {
  const names = pipeline.featureNames
  const known = plans.get(pipeline)
  if (known && known.names === names) return known
  const sources = pipeline.featureSources()
  const inputs = pipeline.inputs.map((c) => c.name)
  const inputIndex = new Map(inputs.map((name, k) => [name, k]))
  const plan = { names, sources, inputs, inputIndex, target: Int32Array.from(sources, (source) => inputIndex.get(source) ?? -1), units: unitColumns(pipeline, sources) }
  plans.set(pipeline, plan)
  return plan
}

function record(names: string[], values: Float64Array): Record<string, number> {
  const out: Record<string, number> = {}
  names.forEach((name, k) => (out[name] = values[k]))
  return out
}

/**
 * Standard errors per input column. Groups that are already input columns
 * (explainMatrix was given the sources) carry their exact standard errors;
 * per-feature errors are combined as if independent (√Σ se²), an approximation.
 */
function foldErrors(
  approximation: NonNullable<MatrixExplanation['approximation']>,
  row: number,
  inputs: string[],
  inputIndex: Map<string, number>,
  sources: string[],
  featureNames: string[],
): NonNullable<RowExplanation['approximation']> {
  const { groups, standardErrors, samples } = approximation
  const G = groups.length
  const squares = new Float64Array(inputs.length)
  // Per-feature groups are the feature names in order; otherwise each group is an input column.
  const perFeature = G === featureNames.length && groups.every((g, j) => g === featureNames[j])
  for (let g = 0; g < G; g++) {
    const se = standardErrors[row * G + g]
    const k = inputIndex.get(perFeature ? sources[g] : groups[g])
    if (k !== undefined) squares[k] += se * se
  }
  const errors = Float64Array.from(squares, Math.sqrt)
  return { samples, standardError: errors.reduce((a, b) => Math.max(a, b), 0), standardErrors: record(inputs, errors) }
}

/** A numeric input that reaches the model as exactly one matrix column of its own name (scaled or not). */
interface UnitColumn {
  input: string
  feature: number
  center: number
  scale: number
}

/** The inputs whose contribution can be read in their own units (see RowExplanation.units). */
function unitColumns(pipeline: FeaturePipeline, sources: string[]): UnitColumn[] {
  const scaler = pipeline.step<Scaler>('scale')
  const names = pipeline.featureNames
  const features = new Map<string, number[]>()
  sources.forEach((source, j) => features.set(source, [...(features.get(source) ?? []), j]))
  return pipeline.inputs.flatMap((input): UnitColumn[] => {
    const own = features.get(input.name) ?? []
    if (input.type !== 'number' || own.length !== 1 || names[own[0]] !== input.name) return []
    const scaling = scaler?.paramsOf(input.name)
    return [{ input: input.name, feature: own[0], center: scaling?.center ?? 0, scale: scaling?.scale ?? 1 }]
  })
}
