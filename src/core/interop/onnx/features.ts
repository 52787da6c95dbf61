/**
 * The feature pipeline as ONNX nodes: from the graph's input columns to the
 * model's matrix X [N, features], column for column what
 * FeaturePipeline.transform gives.
 *
 * - Numbers: the numeric inputs are concatenated into one block; ±Infinity
 *   becomes NaN (the studio counts it as missing); outlier bounds clip (Max,
 *   Min, missing kept missing); "was missing" indicators are IsNaN before
 *   filling; ai.onnx.ml Imputer fills NaN with the learned value per column
 *   (NaN for 'none', so missing stays missing); ai.onnx.ml Scaler computes
 *   (x − center) · (1 / scale).
 * - Categories (string inputs; the empty string is a missing cell): each
 *   column's imputation and encoding fold into one ai.onnx.ml LabelEncoder,
 *   whose keys are every value the studio can tell apart (kept and rare
 *   training categories, and "" for missing) and whose default is what an
 *   unseen category becomes. One-hot: LabelEncoder to the output category
 *   (rare → the "other" column, missing → the fill's column, unseen → "other"
 *   or no column), then ai.onnx.ml OneHotEncoder with zeros=1 (no column =
 *   all zeros). Ordinal: LabelEncoder straight to the code (unseen −1,
 *   missing NaN or the fill's code).
 * - Selection: every produced column goes into one Concat and a single
 *   Gather picks the kept features in the model's order.
 *
 * For tree models ('trees' mode) the numeric block enters X raw (after the
 * ±Infinity rule): clipping, filling and scaling are folded into each split's
 * threshold and missing direction instead (see trees.ts), so float32 inputs
 * take exactly the studio's path through every tree.
 */
import { StudioError } from '../../errors'
import type { PipelineJSON } from '../../pipeline/pipeline'
import { FeaturePipeline } from '../../pipeline/pipeline'
import type { StepJSON } from '../../pipeline/steps'
import { GraphBuilder } from './graph'

/** The order buildSteps puts steps in; the graph applies them in this order. */
const STEP_ORDER = ['outliers', 'impute', 'one-hot', 'ordinal', 'scale', 'select']
const MISSING_SUFFIX = '__missing'

interface OutlierColumn { name: string; low: number | null; high: number | null }
interface ImputeColumn { name: string; type: 'number' | 'category'; fill: number | string | null; indicator: boolean }
interface OneHotColumn { name: string; categories: string[]; rare: string[]; other: string | null; unseen: 'zeros' | 'other' }
interface OrdinalColumn { name: string; categories: string[] }
interface ScaleColumn { name: string; center: number; scale: number }

/** The fitted steps, read through FeaturePipeline so first-version forms arrive in today's shape. */
interface FittedSteps {
  outliers: OutlierColumn[]
  impute: ImputeColumn[]
  oneHot: OneHotColumn[]
  ordinal: OrdinalColumn[]
  scale: ScaleColumn[]
}

export interface FeatureGraph {
  /** X [N, features] (float), the model's input. */
  X: string
  /** Per feature: true when it is a numeric input column (raw in 'trees' mode, where its splits must be folded). */
  numeric: boolean[]
}

/**
 * Adds the pipeline's nodes for `inputs` (input column name → graph value,
 * [N, 1]) and returns the feature matrix. A step kind the exporter does not
 * know is refused by name.
 */
export function featureNodes(g: GraphBuilder, json: PipelineJSON, inputs: Map<string, string>, mode: 'values' | 'trees'): FeatureGraph {
  const steps = fittedSteps(json)
  const blocks: { value: string; names: string[] }[] = []
  const numericInputs = json.inputs.filter((c) => c.type === 'number').map((c) => c.name)
  if (numericInputs.length > 0) blocks.push(...numericBlock(g, numericInputs, inputs, steps, mode))
  for (const column of json.inputs.filter((c) => c.type === 'category')) blocks.push(...categoryBlocks(g, column.name, inputs.get(column.name) as string, steps))
  const position = new Map<string, number>()
  let width = 0
  for (const block of blocks) for (const name of block.names) if (!position.has(name)) position.set(name, width++)
  const indices = json.featureNames.map((name) => {
    const at = position.get(name)
    if (at === undefined) throw new StudioError('onnx/feature', `onnx: the pipeline's feature "${name}" is produced by no step the exporter knows; export this model again from a current studio`)
    return at
  })
  const all = blocks.length === 1 ? blocks[0].value : g.node('Concat', blocks.map((b) => b.value), { axis: 1 })
  const X = g.node('Gather', [all, g.constant('kept_features', 'int64', indices)], { axis: 1 })
  const numericSet = new Set(numericInputs)
  return { X, numeric: json.featureNames.map((name) => numericSet.has(name)) }
}

/** Reads the fitted steps in order; an unknown kind, or a known one out of order, is refused by name. */
export function fittedSteps(json: PipelineJSON): FittedSteps {
  for (const step of json.steps) {
    if (!STEP_ORDER.includes(step.kind) && step.kind !== 'standardize') {
      throw new StudioError('onnx/unsupported-step', `onnx: the pipeline step "${step.kind}" has no ONNX form in this exporter (it knows ${STEP_ORDER.join(', ')}); the model cannot be exported to ONNX`)
    }
  }
  const steps = FeaturePipeline.fromJSON(json).toJSON().steps
  const kinds = steps.map((s) => s.kind)
  const ranks = kinds.map((k) => STEP_ORDER.indexOf(k))
  if (ranks.some((r, i) => i > 0 && r <= ranks[i - 1])) {
    throw new StudioError('onnx/unsupported-step', `onnx: the pipeline's steps run in the order ${kinds.join(' → ')}; the exporter writes only the studio's order ${STEP_ORDER.join(' → ')}`)
  }
  const columns = <T>(kind: string): T[] => ((steps.find((s) => s.kind === kind) as StepJSON | undefined)?.columns as T[] | undefined) ?? []
  return { outliers: columns('outliers'), impute: columns('impute'), oneHot: columns('one-hot'), ordinal: columns('ordinal'), scale: columns('scale') }
}

/** The numeric inputs as one block [N, m], with its indicator columns. */
function numericBlock(g: GraphBuilder, names: string[], inputs: Map<string, string>, steps: FittedSteps, mode: 'values' | 'trees'): { value: string; names: string[] }[] {
  const m = names.length
  const row = (values: number[]): string => g.constant('per_column', 'float', values, [1, m])
  const raw = m === 1 ? (inputs.get(names[0]) as string) : g.node('Concat', names.map((n) => inputs.get(n) as string), { axis: 1 })
  const nan = g.scalar('nan', NaN)
  let X = g.node('Where', [g.node('IsInf', [raw]), nan, raw])
  const blocks: { value: string; names: string[] }[] = []
  const impute = new Map(steps.impute.filter((c) => c.type === 'number').map((c) => [c.name, c]))
  const indicated = names.map((n, j) => (impute.get(n)?.indicator ? j : -1)).filter((j) => j >= 0)
  if (indicated.length > 0) {
    // Before any fill: clipping keeps missing cells missing, so IsNaN of the raw block is the studio's indicator.
    const flags = g.node('Cast', [g.node('IsNaN', [X])], { to: 1 })
    blocks.push({ value: g.node('Gather', [flags, g.constant('indicators', 'int64', indicated)], { axis: 1 }), names: indicated.map((j) => names[j] + MISSING_SUFFIX) })
  }
  if (mode === 'values') {
    const bounds = new Map(steps.outliers.map((c) => [c.name, c]))
    if (bounds.size > 0) {
      const low = names.map((n) => bounds.get(n)?.low ?? -Infinity)
      const high = names.map((n) => bounds.get(n)?.high ?? Infinity)
      const clipped = g.node('Min', [g.node('Max', [X, row(low)]), row(high)])
      X = g.node('Where', [g.node('IsNaN', [X]), X, clipped])
    }
    if (impute.size > 0) {
      const fills = names.map((n) => impute.get(n)?.fill)
      X = g.mlNode('Imputer', [X], { imputed_value_floats: { floats: fills.map((f) => (typeof f === 'number' ? f : NaN)) }, replaced_value_float: { f: NaN } }, 'float', ['N', m])
    }
    const scale = new Map(steps.scale.map((c) => [c.name, c]))
    if (scale.size > 0) {
      X = g.mlNode('Scaler', [X], { offset: { floats: names.map((n) => scale.get(n)?.center ?? 0) }, scale: { floats: names.map((n) => 1 / (scale.get(n)?.scale ?? 1)) } }, 'float', ['N', m])
    }
  }
  blocks.unshift({ value: X, names })
  return blocks
}

/** One category column's indicator and encoded columns. */
function categoryBlocks(g: GraphBuilder, name: string, input: string, steps: FittedSteps): { value: string; names: string[] }[] {
  const blocks: { value: string; names: string[] }[] = []
  const impute = steps.impute.find((c) => c.name === name && c.type === 'category')
  const fill = typeof impute?.fill === 'string' ? impute.fill : null
  if (impute?.indicator) {
    blocks.push({ value: g.mlNode('LabelEncoder', [input], { keys_strings: [''], values_floats: { floats: [1] }, default_float: { f: 0 } }, 'float', ['N', 1]), names: [name + MISSING_SUFFIX] })
  }
  const oneHot = steps.oneHot.find((c) => c.name === name)
  const ordinal = steps.ordinal.find((c) => c.name === name)
  if (oneHot) {
    const out = oneHotOutputs(oneHot)
    if (out.length > 0) {
      // "" (no category) is never an output column, so mapping to it gives all zeros.
      const target = (value: string): string => (oneHot.categories.includes(value) ? value : oneHot.rare.includes(value) || oneHot.unseen === 'other' ? (oneHot.other ?? '') : '')
      const keys = [...oneHot.categories, ...oneHot.rare, '']
      const values = keys.map((k) => (k === '' ? (fill === null ? '' : target(fill)) : target(k)))
      const mapped = g.mlNode('LabelEncoder', [input], { keys_strings: keys, values_strings: values, default_string: oneHot.unseen === 'other' ? (oneHot.other ?? '') : '' }, 'string', ['N', 1])
      const encoded = g.mlNode('OneHotEncoder', [mapped], { cats_strings: out, zeros: 1 }, 'float', ['N', 1, out.length])
      blocks.push({ value: g.node('Flatten', [encoded], { axis: 1 }), names: out.map((c) => `${name}=${c}`) })
    }
  } else if (ordinal) {
    const code = (value: string): number => ordinal.categories.indexOf(value)
    const keys = [...ordinal.categories, '']
    const values = keys.map((k) => (k === '' ? (fill === null ? NaN : code(fill)) : code(k)))
    blocks.push({ value: g.mlNode('LabelEncoder', [input], { keys_strings: keys, values_floats: { floats: values }, default_float: { f: -1 } }, 'float', ['N', 1]), names: [name] })
  } else {
    throw new StudioError('onnx/feature', `onnx: the category column "${name}" is neither one-hot nor ordinal encoded; the exporter cannot turn its text into numbers`)
  }
  return blocks
}

/** The one-hot output categories in column order: kept categories, then "other" when there is one. */
function oneHotOutputs(f: OneHotColumn): string[] {
  return f.other === null ? [...f.categories] : [...f.categories, f.other]
}
