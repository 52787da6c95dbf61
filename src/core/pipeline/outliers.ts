import { StudioError } from '../errors'
import type { Table } from '../types'
import { mapColumns, numberColumn } from './columns'
import { countOf, formatValue } from './format'
import { countPresent, meanAndStd, quantiles } from './stats'
import { jsonArray, notFitted, type PipelineStep, type StepDescription, type StepJSON } from './steps'

/** How outliers of one numeric column are found and handled. */
export interface OutlierSpec {
  name: string
  /** 'iqr': outside [Q1 − f·IQR, Q3 + f·IQR]; 'zscore': outside mean ± f·std (population std). */
  method: 'iqr' | 'zscore'
  factor: number
  /** 'clip' moves values to the nearer bound; 'drop' removes training rows (see OutlierStep). */
  action: 'clip' | 'drop'
}

interface FittedOutlier extends OutlierSpec {
  /** Bounds learned from training rows; null when the column had no value to learn from. */
  low: number | null
  high: number | null
  present: number
  rows: number
  /** Training rows outside this column's bounds (for 'drop', the rows removed for this column). */
  outside: number
}

/**
 * Finds outliers with bounds learned from the training rows (IQR with numpy's
 * linear quantiles, or z-score), then clips or drops. Missing cells are never
 * outliers. 'drop' removes training rows only, and only inside the pipeline's
 * fitTransform (through `trainingRows`); `transform` never removes a row, so
 * validation, test and prediction rows of a 'drop' column are clipped to the
 * bounds instead — a model must answer for every row it is asked about.
 * This step runs before imputation so bounds come from observed values, not
 * from fill values, and fills are learned from the rows that remain.
 */
export class OutlierStep implements PipelineStep {
  readonly kind = 'outliers'
  private fitted: FittedOutlier[] | null = null
  private kept: Int32Array | null = null

  constructor(private readonly specs: OutlierSpec[]) {
    for (const spec of specs) {
      if (!(Number.isFinite(spec.factor) && spec.factor > 0)) {
        throw new StudioError('bad-param', `outliers: factor = ${spec.factor} for "${spec.name}" is invalid; expected a number > 0`)
      }
    }
  }

  fit(table: Table): void {
    const drop = new Uint8Array(table.rowCount)
    this.fitted = this.specs.map((spec) => {
      const values = numberColumn(table, spec.name, 'outliers').values
      const { low, high, present } = bounds(values, spec)
      let outside = 0
      if (low !== null && high !== null) {
        for (let i = 0; i < values.length; i++) {
          const v = values[i]
          if (v < low || v > high) {
            outside++
            if (spec.action === 'drop') drop[i] = 1
          }
        }
      }
      return { ...spec, low, high, present, rows: table.rowCount, outside }
    })
    let keptCount = 0
    for (let i = 0; i < drop.length; i++) if (!drop[i]) keptCount++
    if (keptCount === 0 && table.rowCount > 0) {
      throw new StudioError('outliers-all-rows', `outliers: dropping outliers would remove all ${countOf(table.rowCount, 'training row')}; raise the outlier factor or clip instead`)
    }
    if (keptCount === table.rowCount) this.kept = null
    else {
      this.kept = new Int32Array(keptCount)
      for (let i = 0, k = 0; i < drop.length; i++) if (!drop[i]) this.kept[k++] = i
    }
  }

  /** Training rows left after dropping (indices into the table given to fit), or null when none was dropped. */
  trainingRows(): Int32Array | null {
    return this.kept
  }

  /** The learned bounds of a column. */
  boundsOf(name: string): { low: number | null; high: number | null } | undefined {
    const f = this.fitted?.find((s) => s.name === name)
    return f && { low: f.low, high: f.high }
  }

  transform(table: Table): Table {
    if (!this.fitted) throw notFitted(this.kind)
    const byName = new Map(this.fitted.map((f) => [f.name, f]))
    return mapColumns(table, (column) => {
      const f = byName.get(column.name)
      if (!f || column.type !== 'number') return column
      const source = column.values
      const values = new Float64Array(source.length)
      const low = f.low ?? -Infinity
      const high = f.high ?? Infinity
      for (let i = 0; i < source.length; i++) {
        const v = source[i]
        // Missing (NaN, ±Infinity) stays missing; it is never an outlier.
        values[i] = v - v !== 0 ? NaN : v < low ? low : v > high ? high : v
      }
      return { name: column.name, type: 'number', values }
    })
  }

  toJSON(): StepJSON {
    if (!this.fitted) throw notFitted(this.kind)
    return { kind: this.kind, columns: this.fitted }
  }

  static fromJSON(json: StepJSON): OutlierStep {
    const fitted = jsonArray<FittedOutlier>(json, 'columns')
    const step = new OutlierStep(fitted.map(({ name, method, factor, action }) => ({ name, method, factor, action })))
    step.fitted = fitted
    return step
  }

  describe(): StepDescription[] {
    if (!this.fitted) throw notFitted(this.kind)
    return this.fitted.map((f) => {
      if (f.low === null || f.high === null) {
        return { step: this.kind, columns: [f.name], detail: `${f.name}: no value in the ${countOf(f.rows, 'training row')}, so no bounds; values pass unchanged` }
      }
      const rule = f.method === 'iqr' ? `Q1 − ${f.factor}·IQR, Q3 + ${f.factor}·IQR` : `mean ± ${f.factor}·standard deviation`
      const head = `${f.name}: bounds [${formatValue(f.low)}, ${formatValue(f.high)}] (${rule}) from ${countOf(f.present, 'training row')} with a value`
      const action = f.action === 'clip'
        ? `${countOf(f.outside, 'training row')} outside clipped to the bounds, as are values outside them later`
        : `${countOf(f.outside, 'training row')} outside dropped; rows transformed later are never dropped but clipped to the bounds`
      return { step: this.kind, columns: [f.name], detail: `${head}; ${action}` }
    })
  }
}

function bounds(values: Float64Array, spec: OutlierSpec): { low: number | null; high: number | null; present: number } {
  if (spec.method === 'iqr') {
    const present = countPresent(values)
    if (present === 0) return { low: null, high: null, present: 0 }
    const [q1, q3] = quantiles(values, [0.25, 0.75])
    const iqr = q3 - q1
    return { low: q1 - spec.factor * iqr + 0, high: q3 + spec.factor * iqr + 0, present }
  }
  const { count, mean, std } = meanAndStd(values)
  if (count === 0) return { low: null, high: null, present: 0 }
  return { low: mean - spec.factor * std + 0, high: mean + spec.factor * std + 0, present: count }
}
