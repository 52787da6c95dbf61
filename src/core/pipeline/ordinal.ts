import type { Table } from '../types'
import { categoryColumn, levelCounts, mapColumns } from './columns'
import { countOf, formatList } from './format'
import { jsonArray, notFitted, type PipelineStep, type StepDescription, type StepJSON } from './steps'

/** Code of a category never seen in the training rows. */
export const UNSEEN_ORDINAL = -1

interface FittedOrdinal {
  name: string
  /** Training categories in alphabetical order; a category's code is its position. */
  categories: string[]
}

/**
 * Replaces each category column with one numeric column of the same name:
 * the training categories sorted alphabetically get codes 0..k-1. An unseen
 * category gets -1, below every known code, so it is distinct from all of
 * them and from missing; a missing cell (imputation 'none') stays missing
 * (NaN), as a missing number does, for models that handle missing values.
 */
export class OrdinalEncoder implements PipelineStep {
  readonly kind = 'ordinal'
  private fitted: FittedOrdinal[] | null = null

  constructor(private readonly columns: string[]) {}

  fit(table: Table): void {
    this.fitted = this.columns.map((name) => {
      const column = categoryColumn(table, name, 'ordinal')
      const counts = levelCounts(column)
      return { name, categories: column.levels.filter((_, code) => counts[code] > 0).sort() }
    })
  }

  transform(table: Table): Table {
    if (!this.fitted) throw notFitted(this.kind)
    const byName = new Map(this.fitted.map((f) => [f.name, f]))
    return mapColumns(table, (column) => {
      const f = byName.get(column.name)
      if (!f) return column
      if (column.type !== 'category') throw new Error(`ordinal: "${column.name}" is not a category column of "${table.name}"`)
      const index = new Map(f.categories.map((c, k) => [c, k]))
      const byCode = Float64Array.from(column.levels, (level) => index.get(level) ?? UNSEEN_ORDINAL)
      const codes = column.codes
      const values = new Float64Array(codes.length)
      for (let i = 0; i < codes.length; i++) values[i] = codes[i] < 0 ? NaN : byCode[codes[i]]
      return { name: column.name, type: 'number', values }
    })
  }

  toJSON(): StepJSON {
    if (!this.fitted) throw notFitted(this.kind)
    return { kind: this.kind, columns: this.fitted }
  }

  static fromJSON(json: StepJSON): OrdinalEncoder {
    const fitted = jsonArray<FittedOrdinal>(json, 'columns')
    const step = new OrdinalEncoder(fitted.map((f) => f.name))
    step.fitted = fitted
    return step
  }

  describe(): StepDescription[] {
    if (!this.fitted) throw notFitted(this.kind)
    return this.fitted.map((f) => ({
      step: this.kind,
      columns: [f.name],
      detail: f.categories.length === 0
        ? `${f.name}: no category in the training rows; every value → ${UNSEEN_ORDINAL}, missing stays missing`
        : `${f.name}: codes 0–${f.categories.length - 1} for the ${countOf(f.categories.length, 'training category', 'training categories')} in alphabetical order (${formatList(f.categories)}); unseen → ${UNSEEN_ORDINAL}; missing stays missing`,
    }))
  }
}
