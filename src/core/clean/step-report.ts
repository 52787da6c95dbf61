import type { Column } from '../types'
import { numberText } from './values'
import { PREVIEW_LIMIT, type AffectedCell } from './types'

/** What a step function returns; apply-recipe.ts adds counts, timing and ids. */
export interface StepOutcome {
  affectedRows: number
  preview: AffectedCell[]
  details: string[]
  ruleCounts?: Record<string, number>
  failedConversions?: number
  engine: 'core' | 'danfojs'
}

/** Collects at most PREVIEW_LIMIT examples. */
export class PreviewCollector {
  readonly items: AffectedCell[] = []

  get full(): boolean {
    return this.items.length >= PREVIEW_LIMIT
  }

  /** Adds an example; `position` is the original 0-based row position; `removed` when the whole row goes. */
  add(position: number, column: string | null, before: string, after: string | null, removed = false): void {
    if (!this.full) this.items.push({ row: position + 1, column, before, after, ...(removed ? { removed } : {}) })
  }

  /** The examples ordered by row, then column. */
  sorted(): AffectedCell[] {
    return this.items.slice().sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''))
  }
}

/** The cell at original position `position` as text ('' when missing). */
export function textAt(column: Column, position: number): string {
  if (column.type === 'number') {
    const v = column.values[position]
    return Number.isNaN(v) ? '' : numberText(v)
  }
  const code = column.codes[position]
  return code < 0 ? '' : column.levels[code]
}

/** True when the cell at original position `position` is missing. */
export function missingAt(column: Column, position: number): boolean {
  return column.type === 'number' ? Number.isNaN(column.values[position]) : column.codes[position] < 0
}

/** "1 row" / "3 rows". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`
}

/** A share as a percentage with at most one decimal. */
export function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}

/**
 * Original positions of kept rows whose category code is flagged, for a
 * preview: first one row per distinct flagged code (so every kind of change is
 * shown), then further rows in order; at most `limit`, ascending.
 */
export function exampleRows(codes: Int32Array, rows: Int32Array, flagged: ArrayLike<number | boolean>, limit = PREVIEW_LIMIT): number[] {
  const picked: number[] = []
  const seen = new Uint8Array(flagged.length)
  const chosen = new Set<number>()
  for (let i = 0; i < rows.length && picked.length < limit; i++) {
    const code = codes[rows[i]]
    if (code >= 0 && flagged[code] && !seen[code]) {
      seen[code] = 1
      picked.push(rows[i])
      chosen.add(rows[i])
    }
  }
  for (let i = 0; i < rows.length && picked.length < limit; i++) {
    const code = codes[rows[i]]
    if (code >= 0 && flagged[code] && !chosen.has(rows[i])) picked.push(rows[i])
  }
  return picked.sort((a, b) => a - b)
}

/** Up to PREVIEW_LIMIT examples taken in turn from each list (so every rule or column shows some), ordered by row. */
export function interleave(lists: AffectedCell[][]): AffectedCell[] {
  const out: AffectedCell[] = []
  for (let k = 0; out.length < PREVIEW_LIMIT && lists.some((list) => k < list.length); k++) {
    for (const list of lists) if (k < list.length && out.length < PREVIEW_LIMIT) out.push(list[k])
  }
  return out.sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''))
}
