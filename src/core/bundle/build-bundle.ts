import type { CleaningStep } from '../clean/types'
import type { Model } from '../model/estimator'
import type { FeaturePipeline } from '../pipeline/pipeline'
import { takeRows } from '../table/access'
import type { Table, Task } from '../types'
import { BUNDLE_FORMAT, BUNDLE_VERSION, type GoldenCase, type ModelBundleV2 } from './bundle'
import { cleaningPlan } from './cleaning-plan'
import { inputSources, rawInputSchema, type InputSource } from './input-schema'
import { Predictor } from './predictor'
import { referenceColumn, referenceScores } from './reference'
import { checkBundleV2 } from './validate'

/** Golden cases a bundle carries (fewer when there are fewer rows). */
export const GOLDEN_CASES = 10

/** Everything a training run knows that goes into its bundle. */
export interface BundleParts {
  createdAt: string
  task: Task
  target: { name: string; labels: string[]; positiveLabel: string | null }
  /** The table as given to training, before the cleaning recipe. */
  raw: Table
  /** After the recipe (the same table when there is none): the rows split, fitted and scored. */
  cleaned: Table
  /** For each cleaned row, its 0-based row in `raw`. */
  sourceRows: Int32Array
  /** The recipe's steps ([] without cleaning). */
  recipeSteps: readonly CleaningStep[]
  /** Cleaned-table positions of the training rows and of the held-out rows. */
  trainRows: Int32Array
  testRows: Int32Array
  /** The fitted pipeline and model. */
  pipeline: FeaturePipeline
  model: Model
  /** The model's output on the held-out rows (probabilities rows × classes, or values), as scored. */
  heldOutOutput: Float64Array
  metrics: ModelBundleV2['metrics']
  threshold?: number
  dataset: ModelBundleV2['dataset']
  training: ModelBundleV2['training']
}

/**
 * Builds a version-2 bundle: the recipe's row-level steps narrowed to the
 * model's columns, the raw input schema, reference statistics of the training
 * rows, then golden cases — held-out records as they were in the raw table,
 * answered by a Predictor on this very bundle, which is the path every loader
 * re-checks them on. Checked against the JSON Schema before it is returned,
 * so a trainer can never hand out a bundle the studio would refuse.
 */
export function buildBundle(parts: BundleParts): ModelBundleV2 {
  const pipelineJSON = parts.pipeline.toJSON()
  const plan = cleaningPlan(parts.recipeSteps, pipelineJSON.inputs.map((c) => c.name))
  const sources = inputSources(parts.raw, parts.cleaned, plan)
  const inputSchema = rawInputSchema(sources, plan, pipelineJSON, parts.model.family, parts.trainRows, Int32Array.from(parts.trainRows, (r) => parts.sourceRows[r]))
  const heldOut = parts.testRows.length > 0
  const scores = referenceScores(parts.task, parts.target.labels, heldOut ? parts.heldOutOutput : trainingOutput(parts), heldOut ? 'held-out' : 'training')
  const bundle: ModelBundleV2 = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    createdAt: parts.createdAt,
    task: parts.task,
    target: parts.target,
    inputSchema,
    cleaning: { steps: plan.steps, notReplayed: plan.notReplayed },
    pipeline: pipelineJSON,
    model: parts.model.toJSON(),
    ...(parts.threshold !== undefined && parts.task === 'binary' ? { threshold: parts.threshold } : {}),
    metrics: { heldOut: finiteOrNull(parts.metrics.heldOut), ...(parts.metrics.crossValidated ? { crossValidated: parts.metrics.crossValidated } : {}) },
    reference: {
      rows: parts.trainRows.length,
      columns: sources.map((s) => referenceOf(s, parts)),
      scores,
    },
    golden: [],
    dataset: parts.dataset,
    training: parts.training,
  }
  checkBundleV2(bundle)
  return { ...bundle, golden: goldenCases(bundle, sources, parts) }
}

/** A raw column's statistics over the training rows: its cleaned values, or a split source's raw text. */
function referenceOf(source: InputSource, parts: BundleParts) {
  if (source.cleaned) return referenceColumn(source.raw.name, source.cleaned, parts.trainRows)
  return referenceColumn(source.raw.name, source.raw, Int32Array.from(parts.trainRows, (r) => parts.sourceRows[r]))
}

/** The model's output on the training rows, when nothing was held out. */
function trainingOutput(parts: BundleParts): Float64Array {
  if (parts.trainRows.length === 0) return new Float64Array(0)
  const X = parts.pipeline.transform(takeRows(parts.cleaned, parts.trainRows))
  return parts.task === 'regression' ? parts.model.predict(X) : parts.model.predictProba(X)
}

/**
 * Up to GOLDEN_CASES records spread evenly over the held-out rows (training
 * rows when nothing was held out), as they were in the raw table, with what
 * the bundle's Predictor answers for them. Rows holding ±Infinity are passed
 * over: JSON cannot carry it, so the record would not be the same one.
 */
function goldenCases(bundle: ModelBundleV2, sources: readonly InputSource[], parts: BundleParts): GoldenCase[] {
  const pool = parts.testRows.length > 0 ? parts.testRows : parts.trainRows
  const inputs: GoldenCase['input'][] = []
  const stride = Math.max(1, Math.floor(pool.length / GOLDEN_CASES))
  for (let k = 0; k < pool.length && inputs.length < GOLDEN_CASES; k += stride) {
    const record = rawRecord(sources, parts.sourceRows[pool[k]])
    if (record) inputs.push(record)
  }
  if (inputs.length === 0) return []
  const columns = bundle.inputSchema.map((c) => c.name)
  const answered = Predictor.unchecked(bundle).predictRecords({ columns, rows: inputs.map((input) => columns.map((c) => input[c])) })
  const golden: GoldenCase[] = []
  answered.rows.forEach((output, i) => {
    if (output) golden.push({ input: inputs[i], output })
  })
  return golden
}

function rawRecord(sources: readonly InputSource[], row: number): GoldenCase['input'] | null {
  const record: GoldenCase['input'] = {}
  for (const { raw } of sources) {
    if (raw.type === 'number') {
      const v = raw.values[row]
      if (v === Infinity || v === -Infinity) return null
      record[raw.name] = Number.isNaN(v) ? null : v
    } else {
      const code = raw.codes[row]
      record[raw.name] = code < 0 ? null : raw.levels[code]
    }
  }
  return record
}

function finiteOrNull(metrics: Record<string, number | null>): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const [name, v] of Object.entries(metrics)) out[name] = typeof v === 'number' && Number.isFinite(v) ? v : null
  return out
}
