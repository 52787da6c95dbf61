import { hashRows, rowsEqual } from '../table/row-hash'
import type { Column } from '../types'
import { listNames } from './recipe-error'
import { plural, PreviewCollector, type StepOutcome } from './step-report'
import type { CleaningStep } from './types'
import type { WorkingTable } from './working-table'

/*
 * Duplicate removal runs in core: danfojs 1.2.0 has no DataFrame duplicate
 * removal. Rows are hashed with the studio's row hash (core/table/row-hash),
 * then an open-addressing table finds repeats; equal hashes are confirmed cell by
 * cell, so a hash collision never removes a row. The first occurrence is kept.
 * Missing equals missing (as in pandas' drop_duplicates), and -0 equals 0.
 */

type DedupeStep = Extract<CleaningStep, { kind: 'dedupe' }>

/** Removes rows equal to an earlier kept row on all columns or on `step.columns`. */
export function dedupe(work: WorkingTable, step: DedupeStep): StepOutcome {
  const columns = step.columns ? step.columns.map((name) => work.require(name)) : work.columns.slice()
  const rows = work.rows
  const firstOf = findDuplicates(columns, rows)
  const drop = new Uint8Array(rows.length)
  const preview = new PreviewCollector()
  let removed = 0
  for (let i = 0; i < rows.length; i++) {
    if (firstOf[i] < 0) continue
    drop[i] = 1
    removed++
    preview.add(rows[i], null, `same as row ${rows[firstOf[i]] + 1}`, null, true)
  }
  work.dropRows(drop)
  const scope = step.columns ? `the same ${listNames(step.columns)}` : `the same values in all ${plural(columns.length, 'column')}`
  return { affectedRows: removed, preview: preview.sorted(), details: [`${plural(removed, 'duplicate row')} removed (${scope}); the first of each kept`], engine: 'core' }
}

/**
 * For each kept row i (an index into `rows`), the index of the earlier kept row
 * it duplicates on `columns`, or -1 when it is the first of its kind.
 */
export function findDuplicates(columns: readonly Column[], rows: Int32Array): Int32Array {
  const n = rows.length
  const { h1, h2 } = hashRows(columns, n, rows)
  let size = 1
  while (size < 2 * n) size <<= 1
  const mask = size - 1
  const slots = new Int32Array(size).fill(-1)
  const firstOf = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    let slot = h1[i] & mask
    for (;;) {
      const j = slots[slot]
      if (j < 0) {
        slots[slot] = i
        break
      }
      if (h1[j] === h1[i] && h2[j] === h2[i] && rowsEqual(columns, rows[i], rows[j])) {
        firstOf[i] = j
        break
      }
      slot = (slot + 1) & mask
    }
  }
  return firstOf
}
