import { StudioError } from '../errors'
import type { Column, Table } from '../types'
import { notFitted, type PipelineStep, type StepJSON } from './steps'

export type NumericImpute = 'median' | 'mean'

/**
 * Fills missing cells with a value learned from training rows: the median (or
 * mean) for numbers, the most frequent value for categories. A column that is
 * missing in every training row is filled with 0 / "missing" and reported in
 * `emptyColumns`, since no value can be learned for it.
 */
export class Imputer implements PipelineStep {
  readonly kind = 'impute'
  private fills: Map<string, number | string> | null = null
  emptyColumns: string[] = []

  constructor(private readonly columns: string[], private readonly numeric: NumericImpute = 'median') {
    if (numeric !== 'median' && numeric !== 'mean') throw new StudioError('bad-param', `impute: strategy "${numeric}" is not one of median, mean`)
  }

  fit(table: Table): void {
    this.fills = new Map()
    this.emptyColumns = []
    for (const name of this.columns) {
      const column = find(table, name)
      const fill = column.type === 'number' ? numericFill(column.values, this.numeric) : mostFrequent(column)
      if (fill === null) {
        this.emptyColumns.push(name)
        this.fills.set(name, column.type === 'number' ? 0 : 'missing')
      } else this.fills.set(name, fill)
    }
  }

  /** The learned fill value of a column. */
  fillValue(name: string): number | string | undefined {
    return this.fills?.get(name)
  }

  transform(table: Table): Table {
    const fills = this.fills
    if (!fills) throw notFitted(this.kind)
    const columns = table.columns.map((column): Column => {
      const fill = fills.get(column.name)
      if (fill === undefined) return column
      if (column.type === 'number') {
        const values = Float64Array.from(column.values, (v) => (Number.isNaN(v) ? (fill as number) : v))
        return { ...column, values }
      }
      let fillCode = column.levels.indexOf(String(fill))
      const levels = fillCode < 0 ? [...column.levels, String(fill)] : column.levels
      if (fillCode < 0) fillCode = levels.length - 1
      const codes = Int32Array.from(column.codes, (c) => (c < 0 ? fillCode : c))
      return { ...column, codes, levels }
    })
    return { ...table, columns }
  }

  toJSON(): StepJSON {
    if (!this.fills) throw notFitted(this.kind)
    return { kind: this.kind, numeric: this.numeric, columns: this.columns, fills: Object.fromEntries(this.fills) }
  }

  static fromJSON(json: StepJSON): Imputer {
    const step = new Imputer(json.columns as string[], json.numeric as NumericImpute)
    step.fills = new Map(Object.entries(json.fills as Record<string, number | string>))
    return step
  }
}

function find(table: Table, name: string): Column {
  const column = table.columns.find((c) => c.name === name)
  if (!column) throw new Error(`impute: no column "${name}" in "${table.name}"`)
  return column
}

function numericFill(values: Float64Array, strategy: NumericImpute): number | null {
  const present = values.filter((v) => !Number.isNaN(v))
  if (present.length === 0) return null
  if (strategy === 'mean') return present.reduce((a, b) => a + b, 0) / present.length
  present.sort()
  const mid = present.length >> 1
  return present.length % 2 === 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2
}

function mostFrequent(column: Extract<Column, { type: 'category' }>): string | null {
  const counts = new Int32Array(column.levels.length)
  for (const code of column.codes) if (code >= 0) counts[code]++
  let best = -1
  // Ties go to the alphabetically first value, as scikit-learn's SimpleImputer does.
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 0) continue
    if (best < 0 || counts[i] > counts[best] || (counts[i] === counts[best] && column.levels[i] < column.levels[best])) best = i
  }
  return best < 0 ? null : column.levels[best]
}
