/**
 * Counts, per feature of a model's input schema, how many request rows had
 * it missing, outside the range training saw (inputSchema min/max), or in a
 * category training never saw — for /metrics, where drift alerts are built.
 * It reads the request's cells as they arrived, without interpreting them:
 * a number is compared with the range, a text with the categories, a null
 * or absent column counts as missing. Reading cells for prediction is core's
 * (Predictor.predictRecords); this only counts for monitoring.
 */
import type { RecordsInput } from '../../core/bundle/predict-types'
import type { InputColumn } from '../../core/pipeline/schema'
import type { Table } from '../../core/types'
import type { FeatureQuality } from './metrics'

/** A schema column prepared for counting: its range and category set. */
interface Watched {
  name: string
  min: number
  max: number
  categories: Set<string> | null
}

const prepared = new WeakMap<readonly InputColumn[], Watched[]>()

function watchedColumns(schema: readonly InputColumn[]): Watched[] {
  let watched = prepared.get(schema)
  if (!watched) {
    watched = schema.map((column) => {
      const { min, max } = column as InputColumn & { min?: number; max?: number }
      return {
        name: column.name,
        min: typeof min === 'number' ? min : -Infinity,
        max: typeof max === 'number' ? max : Infinity,
        categories: column.type === 'category' && column.categories ? new Set(column.categories) : null,
      }
    })
    prepared.set(schema, watched)
  }
  return watched
}

/** Per schema column, the counts over the request's rows (a column absent from the request is missing in every row). */
export function inputQuality(schema: readonly InputColumn[], input: RecordsInput): FeatureQuality[] {
  const watched = watchedColumns(schema)
  const { columns, rows } = input
  const quality: FeatureQuality[] = new Array(watched.length)
  for (let w = 0; w < watched.length; w++) {
    const column = watched[w]
    const c = columns.indexOf(column.name)
    let missing = 0
    let outOfRange = 0
    let unseen = 0
    if (c < 0) missing = rows.length
    else {
      for (let i = 0; i < rows.length; i++) {
        const cell = rows[i][c]
        if (cell === null || cell === undefined) missing++
        else if (typeof cell === 'number') {
          if (cell < column.min || cell > column.max) outOfRange++
        } else if (column.categories && typeof cell === 'string' && !column.categories.has(cell)) unseen++
      }
    }
    quality[w] = { feature: column.name, missing, outOfRange, unseen }
  }
  return quality
}

/** The same counts over a table a reader made (text/csv requests): NaN and code -1 are missing. */
export function tableQuality(schema: readonly InputColumn[], table: Table): FeatureQuality[] {
  return watchedColumns(schema).map((w) => {
    const column = table.columns.find((c) => c.name === w.name)
    let missing = 0
    let outOfRange = 0
    let unseen = 0
    if (!column) missing = table.rowCount
    else if (column.type === 'number') {
      for (const v of column.values) {
        if (Number.isNaN(v)) missing++
        else if (v < w.min || v > w.max) outOfRange++
      }
    } else {
      const unseenLevel = column.levels.map((level) => w.categories !== null && !w.categories.has(level))
      for (const code of column.codes) {
        if (code < 0) missing++
        else if (unseenLevel[code]) unseen++
      }
    }
    return { feature: w.name, missing, outOfRange, unseen }
  })
}
