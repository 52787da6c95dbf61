import type { PipelineJSON } from '../pipeline/pipeline'
import type { Table } from '../types'

/** A category input column, the categories training saw in it, and what the pipeline does with any other. */
export interface UnseenCheck {
  column: string
  known: Set<string>
  /** How the fitted pipeline absorbs an unseen category, in words. */
  absorbed: string
}

/**
 * The category columns of a fitted pipeline with what they do with a category
 * training never saw. Every encoder of the studio absorbs one (one-hot: all
 * zeros or the "other" column; ordinal: code -1), so such a value is answered
 * with a warning, never refused; the records layer's 'input-unknown-category'
 * error is kept for an encoder that would refuse them.
 */
export function unseenChecks(pipeline: PipelineJSON): UnseenCheck[] {
  const entry = (kind: string, column: string): Record<string, unknown> | undefined => {
    const columns = pipeline.steps.find((s) => s.kind === kind)?.columns
    return Array.isArray(columns) ? (columns as Record<string, unknown>[]).find((c) => c?.name === column) : undefined
  }
  return pipeline.inputs
    .filter((c) => c.type === 'category' && c.categories !== undefined)
    .map((c) => {
      const oneHot = entry('one-hot', c.name)
      const absorbed = oneHot
        ? oneHot.unseen === 'other' && typeof oneHot.other === 'string'
          ? `as the "${oneHot.other}" category`
          : 'as no known category (all one-hot columns 0)'
        : entry('ordinal', c.name)
          ? 'as code -1, below every training category'
          : 'as the pipeline treats unknown values'
      return { column: c.name, known: new Set(c.categories), absorbed }
    })
}

/** One warning per column holding categories training never saw (rows of `table` after cleaning). */
export function unseenCategoryWarnings(table: Table, checks: readonly UnseenCheck[]): string[] {
  const warnings: string[] = []
  for (const check of checks) {
    const column = table.columns.find((c) => c.name === check.column)
    if (!column || column.type !== 'category') continue
    const fresh = new Uint8Array(column.levels.length)
    let any = false
    column.levels.forEach((level, code) => {
      if (!check.known.has(level)) fresh[code] = 1
    })
    const counts = new Int32Array(column.levels.length)
    for (let i = 0; i < column.codes.length; i++) {
      const code = column.codes[i]
      if (code >= 0 && fresh[code]) {
        counts[code]++
        any = true
      }
    }
    if (!any) continue
    const values = column.levels.filter((_, code) => counts[code] > 0)
    const rows = counts.reduce((a, b) => a + b, 0)
    const shown = values.slice(0, 5).map((v) => JSON.stringify(v)).join(', ') + (values.length > 5 ? `, and ${values.length - 5} more` : '')
    warnings.push(`"${check.column}": ${rows} row${rows === 1 ? '' : 's'} with a category not seen in training (${shown}), read ${check.absorbed}`)
  }
  return warnings
}
