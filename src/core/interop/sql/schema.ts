import type { Column } from '../../types'
import type { SourceColumn } from './types'

/**
 * The source schema of a file as the studio read it: each column's storage,
 * and for number columns whether the reader read them with a decimal comma
 * (the reader's 'decimal-comma' finding lists those columns).
 */
export function sourceSchema(columns: readonly Pick<Column, 'name' | 'type'>[], decimalCommaColumns: readonly string[] = []): SourceColumn[] {
  const comma = new Set(decimalCommaColumns)
  return columns.map((c) =>
    c.type === 'number' ? { name: c.name, type: 'number', ...(comma.has(c.name) ? { decimalComma: true } : {}) } : { name: c.name, type: 'category' },
  )
}
