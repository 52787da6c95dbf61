/**
 * The drift bench's data: a seeded reference and current table of 100 columns
 * (continuous numbers, 0/1 numbers, 3–5-valued scores, categories), every
 * fifth column shifted in the current table. Written once as two .npy files
 * (shape columns × rows, float64; categories as their codes, NaN for missing)
 * and a meta.json, which the Node worker, the Chromium worker and the scipy
 * peer all read. Pure TypeScript (no Node imports): the browser worker parses
 * the same bytes with `tableFromNpy`.
 */
import { createRandom, type Random } from '../../src/core/random'
import type { Column, Table } from '../../src/core/types'

export const DRIFT_COLUMNS = 100

export interface DriftBenchColumn {
  name: string
  kind: 'number' | 'category'
  /** Categories: the levels the codes index. */
  levels?: string[]
  /** True when the current data's distribution was moved. */
  shifted: boolean
}

export interface DriftBenchMeta {
  version: number
  referenceRows: number
  currentRows: number
  columns: DriftBenchColumn[]
}

/** Bump when the generator changes, so cached files are remade. */
export const DRIFT_DATA_VERSION = 1

/** The columns: 0–59 continuous, 60–69 0/1, 70–74 scores 1–4, 75–99 categories (75–79 yes/no); j % 5 == 0 shifted. */
export function driftBenchColumns(): DriftBenchColumn[] {
  return Array.from({ length: DRIFT_COLUMNS }, (_, j) => {
    const shifted = j % 5 === 0
    if (j < 60) return { name: `num${j}`, kind: 'number', shifted }
    if (j < 70) return { name: `flag${j}`, kind: 'number', shifted }
    if (j < 75) return { name: `score${j}`, kind: 'number', shifted }
    const levels = j < 80 ? ['no', 'yes'] : Array.from({ length: 3 + (j % 10) }, (_, k) => `level ${k}`)
    return { name: `cat${j}`, kind: 'category', levels, shifted }
  })
}

/** Values of column `j` for `rows` rows (codes for categories); `current` applies the shift to shifted columns. */
function generateColumn(j: number, column: DriftBenchColumn, rows: number, current: boolean, random: Random): Float64Array {
  const out = new Float64Array(rows)
  const shift = current && column.shifted
  if (j < 60) {
    const mean = 10 + j
    const sd = 1 + (j % 7)
    const missing = j % 6 === 1 ? 0.05 : 0
    for (let i = 0; i < rows; i++) out[i] = random.next() < missing ? NaN : mean + (shift ? 0.25 * sd : 0) + sd * random.normal()
  } else if (j < 70) {
    const p = 0.2 + (j % 5) * 0.1 + (shift ? 0.1 : 0)
    for (let i = 0; i < rows; i++) out[i] = random.next() < p ? 1 : 0
  } else if (j < 75) {
    const weights = shift ? [0.1, 0.2, 0.3, 0.4] : [0.25, 0.25, 0.25, 0.25]
    for (let i = 0; i < rows; i++) out[i] = 1 + pick(weights, random.next())
  } else {
    const levels = column.levels!.length
    const weights = Array.from({ length: levels }, (_, k) => levels - k)
    if (shift) [weights[0], weights[levels - 1]] = [weights[levels - 1], weights[0]]
    const total = weights.reduce((a, b) => a + b, 0)
    const shares = weights.map((w) => w / total)
    const missing = j % 4 === 0 ? 0.03 : 0
    for (let i = 0; i < rows; i++) out[i] = random.next() < missing ? NaN : pick(shares, random.next())
  }
  return out
}

function pick(shares: readonly number[], u: number): number {
  let acc = 0
  for (let k = 0; k < shares.length; k++) {
    acc += shares[k]
    if (u < acc) return k
  }
  return shares.length - 1
}

/** The columns × rows matrix of one side (reference: seed 1; current: seed 2). */
export function generateDriftMatrix(rows: number, current: boolean): Float64Array {
  const columns = driftBenchColumns()
  const random = createRandom(current ? 2 : 1)
  const data = new Float64Array(rows * columns.length)
  columns.forEach((column, j) => data.set(generateColumn(j, column, rows, current, random), j * rows))
  return data
}

/** A .npy file (version 1.0, little-endian float64, C order) of a columns × rows matrix. */
export function npyBytes(data: Float64Array, columns: number, rows: number): Uint8Array {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${columns}, ${rows}), }`
  // Magic (6) + version (2) + length (2) + header + newline, padded to a multiple of 64.
  header = header.padEnd(Math.ceil((10 + header.length + 1) / 64) * 64 - 10 - 1, ' ') + '\n'
  const out = new Uint8Array(10 + header.length + data.byteLength)
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8])
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i)
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length)
  return out
}

/** The float64 payload and shape of a .npy file written by npyBytes (or numpy.save of a C-order float64 array). */
export function parseNpy(bytes: Uint8Array): { shape: number[]; data: Float64Array } {
  if (bytes[0] !== 0x93 || String.fromCharCode(...bytes.subarray(1, 6)) !== 'NUMPY') throw new Error('npy: not a .npy file')
  const major = bytes[6]
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true)
  const start = (major === 1 ? 10 : 12) + headerLength
  const header = new TextDecoder('latin1').decode(bytes.subarray(major === 1 ? 10 : 12, start))
  if (!header.includes("'descr': '<f8'") || !header.includes("'fortran_order': False")) throw new Error(`npy: not little-endian float64 in C order: ${header.trim()}`)
  const shape = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '').split(',').map((s) => s.trim()).filter(Boolean).map(Number)
  const count = shape.reduce((a, b) => a * b, 1)
  const offset = bytes.byteOffset + start
  const data = offset % 8 === 0 ? new Float64Array(bytes.buffer, offset, count) : new Float64Array(bytes.buffer.slice(offset, offset + count * 8))
  return { shape, data }
}

/** A studio Table from a columns × rows matrix: numbers as they are, categories as Int32 codes (-1 for NaN) over their levels. */
export function tableFromMatrix(name: string, data: Float64Array, rows: number, columns: readonly DriftBenchColumn[], takeRows = rows): Table {
  const out: Column[] = columns.map((column, j) => {
    const values = data.subarray(j * rows, j * rows + takeRows)
    if (column.kind === 'number') return { name: column.name, type: 'number', values: Float64Array.from(values) }
    const codes = new Int32Array(takeRows)
    for (let i = 0; i < takeRows; i++) codes[i] = Number.isNaN(values[i]) ? -1 : values[i]
    return { name: column.name, type: 'category', codes, levels: [...column.levels!] }
  })
  return { name, rowCount: takeRows, columns: out }
}
