import { parquetWriteBuffer } from 'hyparquet-writer'
import type { Table } from '../../types'
import { descriptionMetadata } from '../column-descriptions'

/**
 * Writes a table as a Parquet file with hyparquet-writer: number columns as
 * DOUBLE, category columns as STRING, a missing cell as null in both. Column
 * order and names are kept, so reading the file back with read-file.ts gives
 * the same table (a category column whose every value looks like a number is
 * read back as numbers: readers infer types from values). Column
 * descriptions ("unit: kg") travel in the file's key-value metadata.
 */
export function tableToParquet(table: Table): ArrayBuffer {
  const columnData = table.columns.map((column) => {
    if (column.type === 'number') {
      const data = new Array<number | null>(table.rowCount)
      for (let r = 0; r < table.rowCount; r++) {
        const v = column.values[r]
        data[r] = Number.isFinite(v) ? v : null
      }
      return { name: column.name, type: 'DOUBLE' as const, data }
    }
    const data = new Array<string | null>(table.rowCount)
    for (let r = 0; r < table.rowCount; r++) {
      const code = column.codes[r]
      data[r] = code < 0 ? null : column.levels[code]
    }
    return { name: column.name, type: 'STRING' as const, data }
  })
  const kvMetadata = descriptionMetadata(table)
  return parquetWriteBuffer({ columnData, ...(kvMetadata.length > 0 ? { kvMetadata } : {}) })
}
