import { errorCode, StudioError } from '../errors'
import { explainRows } from '../explain'
import type { RowExplanation } from '../explain/types'
import type { Model } from '../model/estimator'
import { argmaxRows } from '../model/estimator'
import { modelFromJSON } from '../model/registry'
import { FeaturePipeline } from '../pipeline/pipeline'
import { takeRows } from '../table/access'
import { userMessage } from '../user-message'
import type { Matrix, Table } from '../types'
import { parseBundle, type InputColumn, type ModelBundleV2 } from './bundle'
import { missingHandled } from './missing-allowed'
import type { BatchResult, PredictOptions, RecordsInput, RowIssue, RowResult } from './predict-types'
import { ROW_ISSUE_CODES } from './predict-types'
import { recordsToTable, tableToSchema, type RecordColumn } from './records'
import { replayCleaning, type ReplayResult } from './replay'
import { unseenCategoryWarnings, type UnseenCheck, unseenChecks } from './unseen'

export interface Predictions {
  /** Predicted label per row (classification); empty for regression. '' for a refused row. */
  labels: string[]
  /** Class probabilities, row-major n × classes, in `classes` order (classification); empty for regression. NaN for a refused row. */
  proba: Float64Array
  classes: string[]
  /** Predicted value per row (regression); empty for classification. NaN for a refused row. */
  values: Float64Array
}

/** Golden outputs must reproduce to this (absolute, per probability or value). */
export const GOLDEN_TOLERANCE = 1e-9

/** The rows of one batch after cleaning and the model: what predictTable and predict format. */
interface Scored {
  n: number
  /** For each kept row, its index in the batch. */
  kept: Int32Array
  /** Kept rows × classes (classification) or kept rows (regression). */
  output: Float64Array
  issues: RowIssue[]
  warnings: string[]
  /** The kept rows as the model saw them (pipeline output), for explanations. */
  X: Matrix | null
}

/**
 * Predicts from a model bundle: the only prediction path, used by the Predict
 * page, `npm run predict` and the model server alike, so training and serving
 * cannot drift. A batch goes: raw cells → the raw input schema's table
 * (records.ts) → the recipe's row-level cleaning, replayed by the Clean
 * page's own step functions (replay.ts) → the fitted feature pipeline → the
 * model. Rows a validation rule refuses are answered null and named in
 * `issues`; nothing is dropped silently.
 */
export class Predictor {
  /** What a request must carry (raw columns, before cleaning). */
  readonly inputSchema: InputColumn[]
  /** The input schema as the records reader takes it (with how text columns read numbers). */
  private readonly reading: RecordColumn[]
  private readonly classes: string[]
  private readonly positive: number
  /** Pipeline inputs (after cleaning) where a missing cell cannot be handled: such rows are refused. */
  private readonly noMissing: string[]
  private readonly unseen: UnseenCheck[]

  private constructor(
    readonly bundle: ModelBundleV2,
    private readonly pipeline: FeaturePipeline,
    private readonly model: Model,
  ) {
    this.inputSchema = bundle.inputSchema
    this.reading = recordColumns(bundle)
    this.classes = bundle.task === 'regression' ? [] : bundle.target.labels
    this.positive = this.classes.length === 2 ? 1 : -1
    this.noMissing = bundle.pipeline.inputs.map((c) => c.name).filter((name) => !missingHandled(bundle.pipeline, bundle.model.family, name))
    this.unseen = unseenChecks(bundle.pipeline)
  }

  /**
   * Validates the bundle (JSON Schema), migrates version 1, and re-checks its
   * golden cases: a bundle whose golden cases do not reproduce to
   * GOLDEN_TOLERANCE is refused, naming the case.
   */
  static fromBundle(json: unknown): Predictor {
    const predictor = Predictor.unchecked(parseBundle(json))
    predictor.checkGolden()
    return predictor
  }

  /** A predictor for a bundle already validated (the bundle builder, before it has golden cases). */
  static unchecked(bundle: ModelBundleV2): Predictor {
    return new Predictor(bundle, FeaturePipeline.fromJSON(bundle.pipeline), modelFromJSON(bundle.model))
  }

  /** Predicts request rows (JSON cells); throws InputError when the request cannot be answered at all. */
  predictRecords(input: RecordsInput, options: PredictOptions = {}): BatchResult {
    const { table, warnings } = recordsToTable(input, this.reading)
    const result = this.answer(table, options)
    if (warnings.length > 0) result.warnings.unshift(...warnings)
    return result
  }

  /** Predicts the rows of a table read from a file (CLI, the page's batch); columns are matched by name. */
  predictTable(table: Table, options: PredictOptions = {}): BatchResult {
    return this.answer(tableToSchema(table, this.reading), options)
  }

  /** The batch answer for a table with the raw schema's columns. */
  private answer(raw: Table, options: PredictOptions): BatchResult {
    const scored = this.score(raw)
    const result = this.format(scored)
    if (options.explain && scored.X) this.addExplanations(result, scored.kept, scored.X)
    return result
  }

  /**
   * Per-feature contributions for each kept row (src/core/explain): exact
   * TreeSHAP for the tree families, exact linear contributions, sampling for
   * the neural net (seeded per row, so a row explains the same in any batch).
   * A model saved before explanations existed cannot be explained: the
   * predictions still stand and a warning says why.
   */
  private addExplanations(result: BatchResult, kept: Int32Array, X: Matrix): void {
    let explanations: RowExplanation[]
    try {
      explanations = explainRows(this.model, this.pipeline, X, { classLabels: this.classes })
    } catch (error) {
      if (!errorCode(error)?.startsWith('explain-')) throw error
      result.warnings.push(userMessage(error))
      return
    }
    for (let i = 0; i < kept.length; i++) {
      const row = result.rows[kept[i]]
      if (row) row.explanation = explanations[i]
    }
  }

  /**
   * Request rows as the feature pipeline receives them: read by the input
   * schema and cleaned by the bundle's replayed steps, refused rows left out
   * (`kept` maps rows back to the request). For monitoring values after
   * cleaning (drift, ranges) and for tests; predictRecords runs the same path.
   */
  cleanRecords(input: RecordsInput): ReplayResult & { warnings: string[] } {
    const { table, warnings } = recordsToTable(input, this.reading)
    return { ...replayCleaning(table, this.bundle.cleaning.steps), warnings }
  }

  /** Predictions as typed arrays (kept for existing callers); refused rows hold '' and NaN. */
  predict(table: Table): Predictions {
    const scored = this.score(tableToSchema(table, this.reading))
    const { n, kept, output } = scored
    if (this.bundle.task === 'regression') {
      const values = new Float64Array(n).fill(NaN)
      for (let i = 0; i < kept.length; i++) values[kept[i]] = output[i]
      return { labels: [], proba: new Float64Array(0), classes: [], values }
    }
    const k = this.classes.length
    const proba = new Float64Array(n * k).fill(NaN)
    const labels: string[] = new Array(n).fill('')
    const index = this.labelIndex(output)
    for (let i = 0; i < kept.length; i++) {
      proba.set(output.subarray(i * k, (i + 1) * k), kept[i] * k)
      labels[kept[i]] = this.classes[index[i]]
    }
    return { labels, proba, classes: [...this.classes], values: new Float64Array(0) }
  }

  /** Cleaning replay, refusals, the pipeline and the model, for a table with the raw schema's columns. */
  private score(raw: Table): Scored {
    const replayed = replayCleaning(raw, this.bundle.cleaning.steps)
    let { table, kept } = replayed
    const issues = replayed.issues
    if (this.noMissing.length > 0 && table.rowCount > 0) {
      const refuse = refuseMissing(table, kept, this.noMissing, issues)
      if (refuse) {
        const keep: number[] = []
        for (let i = 0; i < kept.length; i++) if (!refuse[i]) keep.push(i)
        table = takeRows(table, keep)
        kept = Int32Array.from(keep, (i) => kept[i])
        issues.sort((a, b) => a.row - b.row)
      }
    }
    const warnings = unseenCategoryWarnings(table, this.unseen)
    if (table.rowCount === 0) return { n: raw.rowCount, kept, output: new Float64Array(0), issues, warnings, X: null }
    const X = this.pipeline.transform(table)
    const output = this.bundle.task === 'regression' ? this.model.predict(X) : this.model.predictProba(X)
    return { n: raw.rowCount, kept, output, issues, warnings, X }
  }

  /** Class index per kept row: the threshold on the positive class when the bundle has one, else the most probable class. */
  private labelIndex(output: Float64Array): Int32Array {
    const threshold = this.bundle.threshold
    if (threshold === undefined || this.positive < 0) return argmaxRows(output, this.classes.length)
    const out = new Int32Array(output.length / 2)
    for (let i = 0; i < out.length; i++) out[i] = output[i * 2 + 1] >= threshold ? 1 : 0
    return out
  }

  private format(scored: Scored): BatchResult {
    const { n, kept, output } = scored
    const rows: (RowResult | null)[] = new Array(n).fill(null)
    if (this.bundle.task === 'regression') {
      for (let i = 0; i < kept.length; i++) rows[kept[i]] = { value: output[i] }
    } else {
      const classes = this.classes
      const k = classes.length
      const index = this.labelIndex(output)
      for (let i = 0; i < kept.length; i++) {
        const probabilities: Record<string, number> = {}
        for (let c = 0; c < k; c++) probabilities[classes[c]] = output[i * k + c]
        rows[kept[i]] = { label: classes[index[i]], probabilities }
      }
    }
    return { rows, issues: scored.issues, warnings: scored.warnings }
  }

  /** Re-runs the golden cases; throws 'bundle-golden' naming the first case that does not reproduce. */
  private checkGolden(): void {
    const golden = this.bundle.golden
    if (golden.length === 0) return
    const columns = this.inputSchema.map((c) => c.name)
    const result = this.predictRecords({ columns, rows: golden.map((g) => columns.map((c) => g.input[c] ?? null)) })
    golden.forEach((g, i) => {
      const problem = goldenMismatch(g.output, result.rows[i])
      if (problem) {
        throw new StudioError('bundle-golden', `bundle: golden case ${i + 1} of ${golden.length} does not reproduce: ${problem}; the bundle is damaged or was made by a studio that computes differently, so it is refused`)
      }
    })
  }
}

/** Why an output differs from the golden one (more than GOLDEN_TOLERANCE), or null when it matches. */
export function goldenMismatch(expected: RowResult, got: RowResult | null): string | null {
  if (got === null) return 'the row is now refused'
  if (expected.label !== undefined && expected.label !== got.label) return `label "${got.label}" instead of "${expected.label}"`
  if (expected.value !== undefined) {
    if (got.value === undefined || !(Math.abs(got.value - expected.value) <= GOLDEN_TOLERANCE)) return `value ${got.value} instead of ${expected.value}`
  }
  for (const [label, p] of Object.entries(expected.probabilities ?? {})) {
    const q = got.probabilities?.[label]
    if (q === undefined || !(Math.abs(q - p) <= GOLDEN_TOLERANCE)) return `probability of "${label}" ${q} instead of ${p}`
  }
  return null
}

/** The input schema for the records reader: a text column whose first cleaning step reads decimal commas takes JSON numbers in that style. */
export function recordColumns(bundle: ModelBundleV2): RecordColumn[] {
  return bundle.inputSchema.map(({ name, type }) => {
    const first = bundle.cleaning.steps.find((s) => (s.kind === 'convert' || s.kind === 'split') && s.column === name)
    const decimalComma = type === 'category' && first !== undefined && first.kind !== 'validate' && first.kind !== 'standardize-text' && first.decimalComma === true
    return decimalComma ? { name, type, decimalComma } : { name, type }
  })
}

/** Marks kept rows with a missing cell in a column that cannot take one; null when none. */
function refuseMissing(table: Table, kept: Int32Array, columns: readonly string[], issues: RowIssue[]): Uint8Array | null {
  let refuse: Uint8Array | null = null
  for (const name of columns) {
    const column = table.columns.find((c) => c.name === name)
    if (!column) continue
    for (let i = 0; i < table.rowCount; i++) {
      const missing = column.type === 'number' ? Number.isNaN(column.values[i]) : column.codes[i] < 0
      if (!missing || refuse?.[i]) continue
      refuse ??= new Uint8Array(table.rowCount)
      refuse[i] = 1
      issues.push({
        row: kept[i],
        column: name,
        code: ROW_ISSUE_CODES.missingNotAllowed,
        message: `"${name}" is missing, and this model can neither fill it in nor use a missing value; the row is refused`,
        action: 'refused',
      })
    }
  }
  return refuse
}
