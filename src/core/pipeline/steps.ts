import { StudioError } from '../errors'
import type { Table } from '../types'

/**
 * A fitted-on-training-rows transformation of a table. `fit` learns from the
 * rows it is given and nothing else; `transform` applies what was learned to
 * any rows (validation, test, prediction) and never drops a row. `toJSON` is
 * all a step needs to be rebuilt by `stepFromJSON`, so the page, the worker
 * and the Node server run the same transformation.
 */
export interface PipelineStep {
  readonly kind: string
  fit(table: Table, context?: FitContext): void
  transform(table: Table): Table
  toJSON(): StepJSON
  /** Plain-language lines on what was learned, one per column or decision. */
  describe(): StepDescription[]
  /**
   * Rows of the table last given to `fit` that training should keep, or null
   * for all. Only outlier dropping uses it, and only the pipeline's
   * fitTransform calls it: rows transformed later are never dropped.
   */
  trainingRows?(): Int32Array | null
  /**
   * The columns this step outputs, with the raw input column each comes
   * from, given the columns it receives (see FeaturePipeline.featureSources).
   * Steps that keep their columns as they are (outliers, ordinal, scale) leave
   * it out; steps that add, expand or drop columns must mirror `transform`.
   */
  mapSources?(columns: FeatureSource[]): FeatureSource[]
}

/** A column on its way through the pipeline and the raw input column it comes from. */
export interface FeatureSource {
  name: string
  source: string
}

/** What a step may use besides the table when fitting. */
export interface FitContext {
  /** The encoded target of the table's rows (class index or value; NaN = unknown). */
  y?: Float64Array
}

/** One line of the pipeline summary the page shows. */
export interface StepDescription {
  step: string
  columns: string[]
  detail: string
}

/** A fitted step as plain JSON; `kind` selects the reader in pipeline.ts. */
export interface StepJSON {
  kind: string
  [key: string]: unknown
}

/** The error for using a step before fitting it. */
export function notFitted(kind: string): Error {
  return new Error(`pipeline: the ${kind} step is not fitted; call fit on training rows first`)
}

/** The array field `field` of a step's JSON, or an error naming the step and field (a damaged bundle). */
export function jsonArray<T>(json: StepJSON, field: string): T[] {
  const value = json[field]
  if (!Array.isArray(value)) {
    throw new StudioError('bundle-invalid', `pipeline: the ${json.kind} step's "${field}" is ${value === undefined ? 'missing' : typeof value}; expected an array`)
  }
  return value as T[]
}
