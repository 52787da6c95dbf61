import type { Column, Table } from '../types'
import { notFitted, type PipelineStep, type StepJSON } from './steps'

/**
 * Replaces each category column with one 0/1 column per category seen in the
 * training rows, named "<column>=<category>". A category never seen in
 * training, or a missing cell, maps to all zeros: the model then predicts from
 * the other features, as if the column told it nothing.
 */
export class OneHotEncoder implements PipelineStep {
  readonly kind = 'one-hot'
  private categories: Map<string, string[]> | null = null

  constructor(private readonly columns: string[]) {}

  fit(table: Table): void {
    this.categories = new Map()
    for (const name of this.columns) {
      const column = table.columns.find((c) => c.name === name)
      if (!column || column.type !== 'category') throw new Error(`one-hot: "${name}" is not a category column of "${table.name}"`)
      const used = new Uint8Array(column.levels.length)
      for (const code of column.codes) if (code >= 0) used[code] = 1
      this.categories.set(name, column.levels.filter((_, i) => used[i]).sort())
    }
  }

  transform(table: Table): Table {
    const categories = this.categories
    if (!categories) throw notFitted(this.kind)
    const columns: Column[] = []
    for (const column of table.columns) {
      const known = categories.get(column.name)
      if (!known || column.type !== 'category') {
        columns.push(column)
        continue
      }
      const position = column.levels.map((level) => known.indexOf(level))
      for (let k = 0; k < known.length; k++) {
        const values = new Float64Array(column.codes.length)
        for (let i = 0; i < values.length; i++) {
          const code = column.codes[i]
          values[i] = code >= 0 && position[code] === k ? 1 : 0
        }
        columns.push({ name: `${column.name}=${known[k]}`, type: 'number', values })
      }
    }
    return { ...table, columns }
  }

  toJSON(): StepJSON {
    if (!this.categories) throw notFitted(this.kind)
    return { kind: this.kind, columns: this.columns, categories: Object.fromEntries(this.categories) }
  }

  static fromJSON(json: StepJSON): OneHotEncoder {
    const step = new OneHotEncoder(json.columns as string[])
    step.categories = new Map(Object.entries(json.categories as Record<string, string[]>))
    return step
  }
}
