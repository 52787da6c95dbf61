/**
 * A model bundle as one ONNX model: the fitted feature pipeline and the model
 * in a single graph, readable by onnxruntime and any runtime with the
 * ai.onnx (opset 17) and ai.onnx.ml (opset 3) operators.
 *
 * Inputs: one per pipeline input column, named as the column, shape [N, 1]:
 * float32 for numbers (NaN = missing; ±Infinity counts as missing, as in the
 * studio), string for categories ("" = missing); a column the graph's
 * cleaning converts from numbers to a category is a float32 input, as the
 * raw file holds it.
 * Outputs: classifiers give `label` [N] (string; the most probable class, or
 * for a binary model with a decision threshold the positive class when its
 * probability ≥ the threshold) and `probabilities` [N, classes] (float, in the
 * order of the `classes` metadata; no ZipMap); regression gives `variable`
 * [N, 1].
 *
 * Where the graph starts: at the raw columns, with the bundle's row-level
 * cleaning steps inside it, when each has an exact ONNX form (value maps,
 * numbers converted to categories or yes/no, validation rules that set values
 * missing; cleaning.ts). A step without one — text parsing of numbers, units,
 * decimal commas and yes/no spellings, splits, trimming, case changes, rules
 * that remove rows — makes the export refuse, naming the step and its
 * column ('onnx/cleaning-step'), unless `afterCleaning` is set: then the
 * graph starts after the cleaning, its inputs are the cleaned columns, and
 * the model's metadata (`cleaning`, `inputs`) says the steps must run first —
 * with the Clean page's SQL export, or the studio's own server. Either way a
 * raw value never reaches the graph unstandardised without the file saying so.
 * A row the studio would refuse for a missing value the model cannot use
 * (linear models, the neural net, without imputation) gets NaN probabilities.
 * Probabilities are float32 (within 1e-5 of the studio's float64 ones, in
 * practice ~1e-7); labels are the studio's except at exact ties (a forest's
 * shares 9/25 and 9/25), which the studio breaks by float64 rounding noise
 * and the graph by taking the first class.
 *
 * Anything without an ONNX form here — a pipeline step kind or model family
 * the exporter does not know — is refused with an error naming it, never
 * approximated.
 */
import { StudioError } from '../../errors'
import type { ModelBundleV2 } from '../../bundle/bundle'
import { networkFromJSON } from '../../model/mlp/network'
import { modelFromJSON } from '../../model/registry'
import type { TreeModel } from '../../model/tree/fitted-model'
import { cleaningNodes, describeGaps, planCleaning } from './cleaning'
import { featureNodes } from './features'
import { GraphBuilder, OPSET } from './graph'
import { linearRegressionNodes, logisticNodes } from './linear'
import { mlpNodes } from './mlp'
import { treeNodes } from './trees'

/** Names of the graph's outputs. */
export const ONNX_OUTPUTS = { label: 'label', probabilities: 'probabilities', value: 'variable' } as const

const TREE_FAMILIES = ['tree', 'forest', 'gbdt']
const FAMILIES = ['logistic', 'linreg', 'mlp', ...TREE_FAMILIES]

/** What a graph input looks like, for documentation and the page. */
export interface OnnxInput {
  name: string
  type: 'float' | 'string'
}

export interface OnnxExport {
  /** The serialised ModelProto (write it to a .onnx file). */
  bytes: Uint8Array
  inputs: OnnxInput[]
  outputs: string[]
  /** Whether the graph runs the bundle's cleaning steps itself (false: its inputs must be cleaned first, or there were none). */
  cleaningInGraph: boolean
}

export interface OnnxOptions {
  /**
   * Start the graph after the bundle's row-level cleaning: its inputs are the
   * cleaned columns, which the caller must produce (the SQL export, the
   * studio's server). Needed for a bundle whose cleaning has a step with no
   * exact ONNX form; the metadata records the choice.
   */
  afterCleaning?: boolean
  producerVersion?: string
}

/** Exports a (parsed, validated) bundle; throws StudioError 'onnx/…' naming what has no ONNX form. */
export function bundleToOnnx(bundle: ModelBundleV2, options: OnnxOptions = {}): OnnxExport {
  const afterCleaning = options.afterCleaning === true
  const cleaning = afterCleaning ? null : planCleaning(bundle.cleaning.steps, bundle.pipeline, new Map(bundle.inputSchema.map((c) => [c.name, c.type])))
  if (cleaning && cleaning.gaps.length > 0) {
    const n = new Set(cleaning.gaps.map((gap) => gap.step)).size
    throw new StudioError(
      'onnx/cleaning-step',
      `onnx: the model's cleaning has ${n === 1 ? 'a step' : `${n} steps`} with no exact ONNX form — ${describeGaps(cleaning.gaps)}. ` +
        'Export the graph that starts after cleaning instead (--after-cleaning; on the page "Download ONNX for cleaned inputs"), and clean its inputs first, e.g. with the Clean page\'s SQL export',
    )
  }
  const family = bundle.model.family
  if (!FAMILIES.includes(family)) {
    throw new StudioError('onnx/unsupported-model', `onnx: the model family "${family}" has no ONNX form in this exporter (it writes ${FAMILIES.join(', ')})`)
  }
  const classifier = bundle.task !== 'regression'
  const outputs: string[] = classifier ? [ONNX_OUTPUTS.label, ONNX_OUTPUTS.probabilities] : [ONNX_OUTPUTS.value]
  const clash = bundle.pipeline.inputs.find((c) => outputs.includes(c.name))
  if (clash) {
    throw new StudioError('onnx/name-clash', `onnx: the input column "${clash.name}" has the name of a graph output (${outputs.join(', ')}); rename the column and train again to export it`)
  }
  const g = new GraphBuilder()
  for (const name of outputs) g.reserve(name)
  const inputs = new Map<string, string>()
  const described: OnnxInput[] = []
  for (const column of bundle.pipeline.inputs) {
    // With the cleaning in the graph, a column it converts from numbers arrives as numbers.
    const type = (cleaning?.inputTypes.get(column.name) ?? column.type) === 'number' ? 'float' : 'string'
    inputs.set(column.name, g.input(column.name, type, ['N', 1]))
    described.push({ name: column.name, type })
  }
  const cleaningInGraph = cleaning !== null && bundle.cleaning.steps.length > 0
  const cleaned = cleaning ? cleaningNodes(g, cleaning, bundle.pipeline, inputs) : inputs
  const trees = TREE_FAMILIES.includes(family)
  const { X, numeric } = featureNodes(g, bundle.pipeline, cleaned, trees ? 'trees' : 'values')
  const model = modelFromJSON(bundle.model)
  let result: string
  if (trees) result = treeNodes(g, X, (model as TreeModel).fittedState(), bundle.pipeline, numeric)
  else if (family === 'logistic') result = logisticNodes(g, X, bundle.model)
  else if (family === 'linreg') result = linearRegressionNodes(g, X, bundle.model)
  else result = mlpNodes(g, X, networkFromJSON(bundle.model.network))
  if (classifier) {
    const labels = bundle.target.labels
    const label = labelNodes(g, result, labels, bundle.threshold)
    g.output(ONNX_OUTPUTS.label, label, 'string', ['N'])
    g.output(ONNX_OUTPUTS.probabilities, result, 'float', ['N', labels.length])
  } else {
    g.output(ONNX_OUTPUTS.value, result, 'float', ['N', 1])
  }
  const bytes = g.encode({
    graphName: bundle.registry?.name ?? bundle.dataset.name.replace(/\.[^.]*$/, ''),
    producerVersion: options.producerVersion ?? '1',
    docString: docString(bundle, afterCleaning),
    metadata: metadata(bundle, described, afterCleaning),
  })
  return { bytes, inputs: described, outputs, cleaningInGraph }
}

/**
 * The label [N]: the first most probable class (ArgMax, as the studio's
 * argmax keeps the first of equal probabilities), or with a decision
 * threshold the positive class when its probability ≥ the threshold.
 */
function labelNodes(g: GraphBuilder, probabilities: string, labels: string[], threshold: number | undefined): string {
  const names = g.constant('class_labels', 'string', labels)
  let index: string
  if (threshold !== undefined && labels.length === 2) {
    const positive = g.node('Gather', [probabilities, g.constant('positive', 'int64', [1], [])], { axis: 1 })
    index = g.node('Cast', [g.node('GreaterOrEqual', [positive, g.scalar('threshold', threshold)])], { to: 7 })
  } else {
    index = g.node('ArgMax', [probabilities], { axis: 1, keepdims: 0 })
  }
  return g.node('Gather', [names, index], { axis: 0 })
}

function docString(bundle: ModelBundleV2, afterCleaning: boolean): string {
  const what = bundle.task === 'regression' ? `predicts "${bundle.target.name}"` : `classifies "${bundle.target.name}" (${bundle.target.labels.join(', ')})`
  const steps = bundle.cleaning.steps.length
  const cleaning = steps === 0 ? '' : afterCleaning
    ? ` Inputs are the columns after the bundle's ${steps} row-level cleaning step(s) (metadata "cleaning"); run them first.`
    : ` Inputs are the raw columns: the graph runs the bundle's ${steps} row-level cleaning step(s) (metadata "cleaning") itself.`
  return `Clinical ML Studio ${bundle.model.family} model that ${what}: feature pipeline and model in one graph. Numbers are float32 [N, 1] (NaN = missing), categories strings [N, 1] ("" = missing).${cleaning}`
}

function metadata(bundle: ModelBundleV2, inputs: OnnxInput[], afterCleaning: boolean): Record<string, string> {
  const meta: Record<string, string> = {
    task: bundle.task,
    target: bundle.target.name,
    family: bundle.model.family,
    inputs: JSON.stringify(inputs),
    features: JSON.stringify(bundle.pipeline.featureNames),
    cleaning: JSON.stringify(bundle.cleaning.steps),
    cleaning_in_graph: bundle.cleaning.steps.length === 0 ? 'no steps' : afterCleaning ? 'no: inputs must be cleaned first (run the steps in "cleaning")' : 'yes: inputs are raw values',
    missing: 'numbers: NaN (and ±Infinity); categories: the empty string',
    opsets: `ai.onnx ${OPSET.onnx}, ai.onnx.ml ${OPSET.ml}`,
  }
  if (bundle.task !== 'regression') meta.classes = JSON.stringify(bundle.target.labels)
  if (bundle.threshold !== undefined) meta.threshold = String(bundle.threshold)
  if (bundle.registry) meta.registry = JSON.stringify({ name: bundle.registry.name, version: bundle.registry.version, stage: bundle.registry.stage })
  return meta
}
