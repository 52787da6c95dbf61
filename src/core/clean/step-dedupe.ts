import type { Column } from '../types'
import { listNames } from './recipe-error'
import { plural, PreviewCollector, type StepOutcome } from './step-report'
import type { CleaningStep } from './types'
import type { WorkingTable } from './working-table'

/*
 * Duplicate removal runs in core: danfojs 1.2.0 has no DataFrame duplicate
 * removal. Rows are hashed column by column (typed arrays read in order), then
 * an open-addressing table finds repeats; equal hashes are confirmed cell by
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
  const hashes = new Int32Array(n).fill(0x2545f491)
  for (const column of columns) mixColumn(hashes, column, rows)
  let size = 1
  while (size < 2 * n) size <<= 1
  const mask = size - 1
  const slots = new Int32Array(size).fill(-1)
  const firstOf = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    const h = finalMix(hashes[i])
    let slot = h & mask
    for (;;) {
      const j = slots[slot]
      if (j < 0) {
        slots[slot] = i
        break
      }
      if (hashes[j] === hashes[i] && rowsEqual(columns, rows[i], rows[j])) {
        firstOf[i] = j
        break
      }
      slot = (slot + 1) & mask
    }
  }
  return firstOf
}

function mixColumn(hashes: Int32Array, column: Column, rows: Int32Array): void {
  if (column.type === 'category') {
    const codes = column.codes
    for (let i = 0; i < rows.length; i++) hashes[i] = mix(hashes[i], codes[rows[i]])
    return
  }
  const values = column.values
  // The two 32-bit halves of each double, read through a view of the same buffer.
  const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2)
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i]
    const v = values[p]
    if (v !== v) hashes[i] = mix(mix(hashes[i], 0x7ff80000), 1)
    else if (v === 0) hashes[i] = mix(mix(hashes[i], 0), 0)
    else hashes[i] = mix(mix(hashes[i], words[2 * p]), words[2 * p + 1])
  }
}

function rowsEqual(columns: readonly Column[], a: number, b: number): boolean {
  for (const column of columns) {
    if (column.type === 'category') {
      if (column.codes[a] !== column.codes[b]) return false
    } else {
      const x = column.values[a], y = column.values[b]
      if (x !== y && !(x !== x && y !== y)) return false
    }
  }
  return true
}

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51)
  k = (k << 15) | (k >>> 17)
  k = Math.imul(k, 0x1b873593)
  h ^= k
  h = (h << 13) | (h >>> 19)
  return (Math.imul(h, 5) + 0xe6546b64) | 0
}

function finalMix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
