import type { Column, Table } from '../types'
import { notFitted, type PipelineStep, type StepJSON } from './steps'

/**
 * Standardises numeric columns to mean 0 and standard deviation 1 using the
 * training rows' mean and population standard deviation (as scikit-learn's
 * StandardScaler). A constant column keeps scale 1 so it maps to 0, not NaN.
 * Missing cells stay missing and are ignored when fitting.
 */
export class StandardScaler implements PipelineStep {
  readonly kind = 'standardize'
  private stats: Map<string, { mean: number; scale: number }> | null = null

  constructor(private readonly columns: string[]) {}

  fit(table: Table): void {
    this.stats = new Map()
    for (const name of this.columns) {
      const column = table.columns.find((c) => c.name === name)
      if (!column || column.type !== 'number') throw new Error(`standardize: "${name}" is not a numeric column of "${table.name}"`)
      let n = 0, mean = 0, m2 = 0
      for (const v of column.values) {
        if (Number.isNaN(v)) continue
        n++
        const delta = v - mean
        mean += delta / n
        m2 += delta * (v - mean)
      }
      const std = n > 0 ? Math.sqrt(m2 / n) : 0
      this.stats.set(name, { mean: n > 0 ? mean : 0, scale: std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1 })
    }
  }

  /** The learned mean and scale of a column. */
  statsOf(name: string): { mean: number; scale: number } | undefined {
    return this.stats?.get(name)
  }

  transform(table: Table): Table {
    const stats = this.stats
    if (!stats) throw notFitted(this.kind)
    const columns = table.columns.map((column): Column => {
      const s = stats.get(column.name)
      if (!s || column.type !== 'number') return column
      return { ...column, values: Float64Array.from(column.values, (v) => (v - s.mean) / s.scale) }
    })
    return { ...table, columns }
  }

  toJSON(): StepJSON {
    if (!this.stats) throw notFitted(this.kind)
    return { kind: this.kind, columns: this.columns, stats: Object.fromEntries(this.stats) }
  }

  static fromJSON(json: StepJSON): StandardScaler {
    const step = new StandardScaler(json.columns as string[])
    step.stats = new Map(Object.entries(json.stats as Record<string, { mean: number; scale: number }>))
    return step
  }
}
