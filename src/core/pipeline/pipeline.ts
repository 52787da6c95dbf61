import { StudioError } from '../errors'
import type { Matrix, Table } from '../types'
import { Imputer, type NumericImpute } from './imputer'
import { OneHotEncoder } from './one-hot'
import { StandardScaler } from './scaler'
import { alignToSchema, describeInputs, type InputColumn } from './schema'
import type { PipelineStep, StepJSON } from './steps'

/** How the default pipeline treats each kind of column. */
export interface PipelineOptions {
  numericImpute: NumericImpute
  standardize: boolean
}

export const DEFAULT_PIPELINE_OPTIONS: PipelineOptions = { numericImpute: 'median', standardize: true }

export interface PipelineJSON {
  inputs: InputColumn[]
  steps: StepJSON[]
  featureNames: string[]
}

/**
 * The feature pipeline: turns raw input columns into the numeric matrix a model
 * consumes. Fitted on training rows only; the fitted form is JSON and is the
 * same object in the page, in workers and on the Node server.
 */
export class FeaturePipeline {
  private constructor(
    readonly inputs: InputColumn[],
    private readonly steps: PipelineStep[],
    private names: string[],
  ) {}

  /** Builds the default pipeline for `features` of `table`: impute, standardise numbers, one-hot categories. */
  static create(table: Table, features: readonly string[], options: PipelineOptions = DEFAULT_PIPELINE_OPTIONS): FeaturePipeline {
    if (features.length === 0) throw new StudioError('no-features', 'pipeline: no feature columns are selected; choose at least one column to learn from')
    const inputs = describeInputs(table, features)
    const numeric = inputs.filter((c) => c.type === 'number').map((c) => c.name)
    const categorical = inputs.filter((c) => c.type === 'category').map((c) => c.name)
    const steps: PipelineStep[] = [new Imputer([...features], options.numericImpute)]
    if (options.standardize && numeric.length > 0) steps.push(new StandardScaler(numeric))
    if (categorical.length > 0) steps.push(new OneHotEncoder(categorical))
    return new FeaturePipeline(inputs, steps, [])
  }

  /** Fits every step on `table` (training rows only) and returns the transformed matrix. */
  fitTransform(table: Table): Matrix {
    let current = alignToSchema(table, this.inputs)
    for (const step of this.steps) {
      step.fit(current)
      current = step.transform(current)
    }
    this.names = current.columns.map((c) => c.name)
    if (this.names.length === 0) throw new StudioError('no-features', 'pipeline: the selected columns produced no features')
    return toMatrix(current)
  }

  /** Applies the fitted steps to any rows; input columns are matched by name. */
  transform(table: Table): Matrix {
    if (this.names.length === 0) throw new Error('pipeline: not fitted; call fitTransform on training rows first')
    let current = alignToSchema(table, this.inputs)
    for (const step of this.steps) current = step.transform(current)
    return toMatrix(current)
  }

  /** Names of the matrix columns, e.g. "Age" or "Gender=female". */
  get featureNames(): string[] {
    return this.names
  }

  step<T extends PipelineStep>(kind: string): T | undefined {
    return this.steps.find((s) => s.kind === kind) as T | undefined
  }

  toJSON(): PipelineJSON {
    return { inputs: this.inputs, steps: this.steps.map((s) => s.toJSON()), featureNames: this.names }
  }

  static fromJSON(json: PipelineJSON): FeaturePipeline {
    return new FeaturePipeline(json.inputs, json.steps.map(stepFromJSON), json.featureNames)
  }
}

const STEP_READERS: Record<string, (json: StepJSON) => PipelineStep> = {
  impute: Imputer.fromJSON,
  standardize: StandardScaler.fromJSON,
  'one-hot': OneHotEncoder.fromJSON,
}

/** Rebuilds a fitted step from its JSON; an unknown kind is an error naming it. */
export function stepFromJSON(json: StepJSON): PipelineStep {
  const read = STEP_READERS[json.kind]
  if (!read) throw new StudioError('bundle-invalid', `pipeline: unknown step kind "${json.kind}" (known: ${Object.keys(STEP_READERS).join(', ')})`)
  return read(json)
}

function toMatrix(table: Table): Matrix {
  const rows = table.rowCount
  const cols = table.columns.length
  const data = new Float64Array(rows * cols)
  table.columns.forEach((column, j) => {
    if (column.type !== 'number') throw new Error(`pipeline: column "${column.name}" is still text after the last step`)
    const values = column.values
    for (let i = 0; i < rows; i++) data[i * cols + j] = values[i]
  })
  return { rows, cols, data }
}
