import { Float64Slab } from '../table/column-slab'
import type { Table } from '../types'
import { mapColumns, numberColumn } from './columns'
import { countOf, formatValue } from './format'
import { countPresent, meanAndStd, median, minMax, quantiles } from './stats'
import { jsonArray, notFitted, type PipelineStep, type StepDescription, type StepJSON } from './steps'

/** A scaling method ('none' in the config means no Scaler entry for the column). */
export type ScaleMethod = 'standard' | 'minmax' | 'robust'

/** How one numeric column is scaled. */
export interface ScaleSpec {
  name: string
  method: ScaleMethod
}

interface FittedScale extends ScaleSpec {
  /** Values become (v − center) / scale. */
  center: number
  scale: number
  /** True when the spread was zero (or no value), so scale is 1 and training values map to 0. */
  constant: boolean
  present: number
  rows: number
}

/** Below this a min-max range or IQR counts as zero, as scikit-learn's _handle_zeros_in_scale. */
const ZERO_SCALE = 10 * Number.EPSILON

/**
 * Scales numeric columns with statistics of the training rows, as
 * scikit-learn's scalers do: 'standard' (mean, population standard deviation),
 * 'minmax' (to [0, 1] on the training range), 'robust' (median and IQR, numpy
 * linear quantiles). A column with no spread keeps scale 1 so it maps to 0,
 * not NaN or Infinity. Missing cells are ignored in fitting and stay missing
 * (±Infinity becomes NaN).
 */
export class Scaler implements PipelineStep {
  readonly kind = 'scale'
  private fitted: FittedScale[] | null = null
  /** fitted by column name, built on first transform (reset by fit). */
  private byName: Map<string, FittedScale> | null = null

  constructor(private readonly specs: ScaleSpec[]) {}

  fit(table: Table): void {
    this.byName = null
    this.fitted = this.specs.map((spec) => {
      const values = numberColumn(table, spec.name, 'scale').values
      return { ...spec, ...learn(values, spec.method), rows: table.rowCount }
    })
  }

  /** The learned center and scale of a column: values become (v − center) / scale. */
  paramsOf(name: string): { method: ScaleMethod; center: number; scale: number } | undefined {
    const f = this.fitted?.find((s) => s.name === name)
    return f && { method: f.method, center: f.center, scale: f.scale }
  }

  transform(table: Table): Table {
    if (!this.fitted) throw notFitted(this.kind)
    const byName = this.byName ?? (this.byName = new Map(this.fitted.map((f) => [f.name, f])))
    const slab = new Float64Slab(table.rowCount, table.columns.reduce((k, c) => k + (c.type === 'number' && byName.has(c.name) ? 1 : 0), 0))
    return mapColumns(table, (column) => {
      const f = byName.get(column.name)
      if (!f || column.type !== 'number') return column
      const source = column.values
      const values = slab.next()
      const { center, scale } = f
      for (let i = 0; i < source.length; i++) {
        const v = source[i]
        values[i] = v - v === 0 ? (v - center) / scale : NaN
      }
      return { name: column.name, type: 'number', values }
    })
  }

  toJSON(): StepJSON {
    if (!this.fitted) throw notFitted(this.kind)
    return { kind: this.kind, columns: this.fitted }
  }

  static fromJSON(json: StepJSON): Scaler {
    const fitted = jsonArray<FittedScale>(json, 'columns')
    const step = new Scaler(fitted.map(({ name, method }) => ({ name, method })))
    step.fitted = fitted
    return step
  }

  /** Reads the 'standardize' step of first-version bundles: `{ columns: string[], stats: { [name]: { mean, scale } } }`. */
  static fromLegacyJSON(json: StepJSON): Scaler {
    const stats = json.stats as Record<string, { mean: number; scale: number }>
    const fitted = jsonArray<string>(json, 'columns').map((name): FittedScale => ({ name, method: 'standard', center: stats[name].mean, scale: stats[name].scale, constant: false, present: 0, rows: 0 }))
    const step = new Scaler(fitted.map(({ name, method }) => ({ name, method })))
    step.fitted = fitted
    return step
  }

  describe(): StepDescription[] {
    if (!this.fitted) throw notFitted(this.kind)
    return this.fitted.map((f) => ({ step: this.kind, columns: [f.name], detail: `${f.name}: ${scaleText(f)}` }))
  }
}

function learn(values: Float64Array, method: ScaleMethod): Pick<FittedScale, 'center' | 'scale' | 'constant' | 'present'> {
  if (method === 'standard') {
    const { count, mean, std } = meanAndStd(values)
    if (count === 0) return { center: 0, scale: 1, constant: true, present: 0 }
    // Relative test: a constant column's std is rounding noise proportional to its mean.
    const constant = !(std > 1e-12 * Math.max(1, Math.abs(mean)))
    return { center: mean, scale: constant ? 1 : std, constant, present: count }
  }
  if (method === 'minmax') {
    const { min, max } = minMax(values)
    if (Number.isNaN(min)) return { center: 0, scale: 1, constant: true, present: 0 }
    const present = countPresent(values)
    const range = max - min
    const constant = range < ZERO_SCALE
    return { center: min, scale: constant ? 1 : range, constant, present }
  }
  const present = countPresent(values)
  if (present === 0) return { center: 0, scale: 1, constant: true, present: 0 }
  const [q1, q3] = quantiles(values, [0.25, 0.75])
  const iqr = q3 - q1
  const constant = iqr < ZERO_SCALE
  return { center: median(values), scale: constant ? 1 : iqr, constant, present }
}

function scaleText(f: FittedScale): string {
  const from = f.rows > 0 ? ` from ${countOf(f.present, 'training row')} with a value` : ''
  if (f.present === 0 && f.rows > 0) return `no value in the ${countOf(f.rows, 'training row')}; values pass unchanged`
  if (f.method === 'standard') {
    return f.constant
      ? `constant (${formatValue(f.center)}) in the training rows, so only centred: value − ${formatValue(f.center)}`
      : `standardised with mean ${formatValue(f.center)} and standard deviation ${formatValue(f.scale)}${from}`
  }
  if (f.method === 'minmax') {
    return f.constant
      ? `constant (${formatValue(f.center)}) in the training rows, so training values map to 0`
      : `min-max scaled from [${formatValue(f.center)}, ${formatValue(f.center + f.scale)}] to [0, 1]${from}`
  }
  return f.constant
    ? `IQR 0 in the training rows, so only centred on the median ${formatValue(f.center)}`
    : `robust-scaled with median ${formatValue(f.center)} and IQR ${formatValue(f.scale)}${from}`
}
