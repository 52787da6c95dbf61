import type { CleaningStep } from '../clean/types'
import { parseRecipe } from '../clean/parse-recipe'
import { RECIPE_FORMAT } from '../clean/types'
import { StudioError } from '../errors'
import type { ModelJSON } from '../model/estimator'
import type { PipelineJSON } from '../pipeline/pipeline'
import type { InputColumn as PipelineInput } from '../pipeline/schema'
import type { Task } from '../types'
import { migrateBundle } from './migrate'
import type { RowResult } from './predict-types'
import { checkBundleV1, checkBundleV2 } from './validate'

export const BUNDLE_FORMAT = 'clinical-ml-studio/model-bundle'
/** The bundle version this studio writes and reads; version 1 is migrated on load, a newer one refused. */
export const BUNDLE_VERSION = 2

/**
 * One raw column a request must carry (before cleaning): how its cells are
 * read (`type`, the column's type in the training file) and what training
 * saw in it after the row-level cleaning — `categories` (the standardised
 * spellings), `min`/`max` (numbers), its unit in `description` — so a form
 * can offer selects and ranges. `missingAllowed`: a blank cell still gets a
 * prediction (the pipeline imputes it, or the model takes missing values).
 */
export interface InputColumn extends PipelineInput {
  min?: number
  max?: number
  missingAllowed: boolean
  description?: string
}

/** The row-level cleaning steps, the only kinds replayed on records. */
export type ReplayStep = Extract<CleaningStep, { kind: 'convert' | 'split' | 'standardize-text' | 'validate' }>

/** Statistics of one input column over the training rows, for drift monitoring. */
export interface ReferenceColumn {
  name: string
  /** The type of the values described: after the row-level cleaning (a text column converted to numbers is 'number'). */
  type: 'number' | 'category'
  missingShare: number
  min?: number
  max?: number
  /** Numbers: quantile bin edges (ascending, distinct) and the training rows per bin (the last bin includes its upper edge). */
  histogram?: { edges: number[]; counts: number[] }
  /** Categories: the most frequent values (at most REFERENCE_TOP_CATEGORIES) and their share of the rows with a value. */
  frequencies?: { value: string; share: number }[]
  /** Share of the rows with a value held by categories beyond `frequencies`. */
  otherShare?: number
  /** Numbers: population mean and standard deviation (ddof 0) of the present values (absent in bundles made before drift reports). */
  mean?: number
  std?: number
  /** Numbers with at most REFERENCE_MAX_VALUES distinct values: each value and its share of the rows with a value, ascending. */
  values?: { value: number; share: number }[]
}

/**
 * The distribution of predicted scores: binary — the positive class's
 * probability; regression — the predicted value (histogram); multiclass —
 * per class, the share of rows predicted as it and its probability histogram.
 */
export interface ReferenceScores {
  rows: number
  /** Held-out rows, or the training rows when nothing was held out (a refit on every row). */
  source: 'held-out' | 'training'
  edges?: number[]
  counts?: number[]
  classes?: { label: string; share: number; edges: number[]; counts: number[] }[]
}

export interface BundleReference {
  /** Training rows described. */
  rows: number
  columns: ReferenceColumn[]
  scores: ReferenceScores
}

/** A raw record (before cleaning) and the output the model gave for it at export. */
export interface GoldenCase {
  input: Record<string, number | string | boolean | null>
  output: RowResult
}

export interface RegistryInfo {
  name: string
  version: number
  stage: 'None' | 'Staging' | 'Production' | 'Archived'
  exportedAt: string
}

/**
 * A trained model as one JSON document (version 2): everything a server needs
 * to go from a raw record to an answer — input schema, row-level cleaning
 * steps, fitted feature pipeline, model, label names, threshold — and
 * everything a person or a monitor needs to trust it: metrics, reference
 * statistics, golden cases, dataset identity, how it was trained and, when
 * exported from the registry, its name, version and stage. The JSON Schema
 * model-bundle.schema.json is the written contract.
 */
export interface ModelBundleV2 {
  format: typeof BUNDLE_FORMAT
  version: 2
  createdAt: string
  task: Task
  target: { name: string; labels: string[]; positiveLabel: string | null }
  inputSchema: InputColumn[]
  cleaning: { steps: ReplayStep[]; notReplayed?: { id: string; kind: string; why: string }[] }
  pipeline: PipelineJSON
  model: ModelJSON
  /** Binary: the decision threshold the user chose (positive when its probability ≥ threshold); absent → the most probable label. */
  threshold?: number
  metrics: { heldOut: Record<string, number | null>; crossValidated?: Record<string, { mean: number | null; std: number | null }> }
  /** null for bundles migrated from version 1, which had none. */
  reference: BundleReference | null
  golden: GoldenCase[]
  registry?: RegistryInfo
  dataset: { name: string; fingerprint: string; rows: number; columns: number }
  training: { seed: number; testShare: number; trainRows: number; testRows: number; iterations: number; converged: boolean; durationMs: number }
}

/** The current bundle. */
export type ModelBundle = ModelBundleV2

/** Version 1, as studios before bundle version 2 wrote it. */
export interface ModelBundleV1 {
  format: typeof BUNDLE_FORMAT
  version: 1
  createdAt: string
  task: Task
  target: { name: string; labels: string[]; positiveLabel: string | null }
  inputSchema: PipelineInput[]
  pipeline: PipelineJSON
  model: ModelJSON
  metrics: Record<string, number | null>
  dataset: { name: string; fingerprint: string; rows: number; columns: number }
  training: { seed: number; testShare: number; trainRows: number; testRows: number; iterations: number; converged: boolean; durationMs: number }
}

/**
 * Validates a parsed JSON document as a model bundle against the JSON Schema
 * and returns it as version 2: a version-1 bundle is checked against the
 * version-1 definition and migrated (migrateBundle); a newer version is
 * refused rather than misread. Errors name the JSON path and what belongs
 * there. Golden cases are re-checked by Predictor.fromBundle, which needs the
 * model running.
 */
export function parseBundle(json: unknown): ModelBundleV2 {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new StudioError('bundle-invalid', `bundle: expected a JSON object, got ${json === null ? 'null' : Array.isArray(json) ? 'a list' : typeof json}`)
  }
  const doc = json as Record<string, unknown>
  if (doc.format !== BUNDLE_FORMAT) {
    throw new StudioError('bundle-invalid', `bundle: format is ${JSON.stringify(doc.format) ?? 'missing'}; expected "${BUNDLE_FORMAT}" — is this a Clinical ML Studio model file?`)
  }
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version)) {
    throw new StudioError('bundle-invalid', `bundle: version is ${JSON.stringify(doc.version) ?? 'missing'}; expected an integer`)
  }
  if (doc.version > BUNDLE_VERSION) {
    throw new StudioError('bundle-version', `bundle: version ${doc.version} is newer than this studio reads (version ${BUNDLE_VERSION} and older); update the studio to load it`)
  }
  if (doc.version < 1) throw new StudioError('bundle-invalid', `bundle: version ${doc.version} does not exist; expected 1 to ${BUNDLE_VERSION}`)
  let bundle: ModelBundleV2
  if (doc.version === 1) {
    checkBundleV1(doc)
    bundle = migrateBundle(doc as unknown as ModelBundleV1)
  } else {
    bundle = doc as unknown as ModelBundleV2
  }
  checkBundleV2(bundle)
  checkSemantics(bundle)
  return bundle
}

/**
 * What JSON Schema cannot say: the cleaning steps read as a recipe (the Clean
 * page's own parser: units, separators, value maps, rule bounds), the labels
 * fit the task, the input schema names each column once.
 */
function checkSemantics(bundle: ModelBundleV2): void {
  try {
    parseRecipe({ format: RECIPE_FORMAT, version: 2, sourceColumns: [], steps: bundle.cleaning.steps })
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^recipe: /, '') : String(error)
    throw new StudioError('bundle-invalid', `bundle: cleaning.steps: ${message}`)
  }
  const labels = bundle.target.labels.length
  if (bundle.task === 'binary' && labels !== 2) throw new StudioError('bundle-invalid', `bundle: target.labels: expected 2 labels for a binary task, got ${labels}`)
  if (bundle.task === 'multiclass' && labels < 3) throw new StudioError('bundle-invalid', `bundle: target.labels: expected at least 3 labels for a multiclass task, got ${labels}`)
  const names = new Set<string>()
  bundle.inputSchema.forEach((column, i) => {
    if (names.has(column.name)) throw new StudioError('bundle-invalid', `bundle: inputSchema[${i}].name: "${column.name}" is listed twice`)
    names.add(column.name)
  })
  if (bundle.threshold !== undefined && bundle.task !== 'binary') {
    throw new StudioError('bundle-invalid', `bundle: threshold: only a binary model has a decision threshold, but the task is ${bundle.task}`)
  }
}

/** The bundle with registry metadata, for "Export for server" (a copy; the input is untouched). */
export function withRegistry(bundle: ModelBundleV2, meta: Omit<RegistryInfo, 'exportedAt'> & { exportedAt?: string }): ModelBundleV2 {
  return { ...bundle, registry: { name: meta.name, version: meta.version, stage: meta.stage, exportedAt: meta.exportedAt ?? new Date().toISOString() } }
}

/** The name a server gives a bundle: its registry name, else the file name without ".json" (and without any directory). */
export function bundleServeName(bundle: Pick<ModelBundleV2, 'registry'>, fileName: string): string {
  if (bundle.registry?.name) return bundle.registry.name
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  return base.replace(/\.json$/i, '')
}
