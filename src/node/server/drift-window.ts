/**
 * The server's sliding window of recent traffic for one served model
 * version: the input values the bundle's reference statistics describe
 * (after the cleaning replay, before the feature pipeline) and the model's
 * output, bounded by rows and by age. Everything is held in typed-array
 * ring buffers written in place — appending a batch is a copy, never an
 * object per row — so recording costs the prediction path next to nothing;
 * drift is computed from `current()` at scrape time (drift-monitor.ts).
 */
import type { BundleReference, ReferenceColumn } from '../../core/bundle/bundle'
import type { ObservedBatch } from '../../core/bundle/predict-types'
import { numberText } from '../../core/clean/values'
import type { Column, Table } from '../../core/types'

export interface DriftWindowLimits {
  /** Most rows kept (the oldest are overwritten). */
  rows: number
  /** Rows older than this many seconds leave the window. */
  seconds: number
}

/** `npm run serve`'s defaults (--drift-window-rows, --drift-window-seconds). */
export const DEFAULT_DRIFT_WINDOW: DriftWindowLimits = { rows: 5000, seconds: 3600 }

/** Distinct values a category column's window tracks; beyond this, new values share one level. */
export const MAX_WINDOW_LEVELS = 1000
/** The level new category values share once a column has MAX_WINDOW_LEVELS. */
export const OTHER_LEVEL = '(other values)'

/**
 * Positions in a ring of `capacity` rows, each with its arrival time.
 * Rows arrive in time order, so the rows within the age limit are always
 * the newest ones.
 */
class RowRing {
  readonly times: Float64Array
  /** Next position written. */
  head = 0
  size = 0
  /** Rows ever appended (a change marker for caches). */
  appended = 0

  constructor(readonly capacity: number) {
    this.times = new Float64Array(capacity)
  }

  /**
   * Makes room for `n` rows at time `now` and returns where they go, in at
   * most two contiguous stretches (the ring wraps): batch rows
   * [out[0], out[1]) go to ring positions from out[2], and [out[3], out[4])
   * from out[5]. A batch larger than the ring keeps its last `capacity` rows.
   * `out` is reused: read it before the next push.
   */
  push(n: number, now: number): Int32Array {
    const out = this.stretches
    const skip = Math.max(0, n - this.capacity)
    const first = Math.min(n - skip, this.capacity - this.head)
    out[0] = skip
    out[1] = skip + first
    out[2] = this.head
    out[3] = skip + first
    out[4] = n
    out[5] = 0
    this.times.fill(now, this.head, this.head + first)
    this.times.fill(now, 0, n - skip - first)
    this.head = (this.head + n - skip) % this.capacity
    this.size = Math.min(this.capacity, this.size + n - skip)
    this.appended += n
    return out
  }

  private readonly stretches = new Int32Array(6)

  /** How many of the newest rows arrived at or after `since`. */
  newerThan(since: number): number {
    // Binary search over arrival order (oldest first): the first row at or after `since`.
    let lo = 0
    let hi = this.size
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.times[this.position(mid)] >= since) hi = mid
      else lo = mid + 1
    }
    return this.size - lo
  }

  /** Ring position of the row `k` in arrival order (0: the oldest held). */
  position(k: number): number {
    return (this.head - this.size + k + 2 * this.capacity) % this.capacity
  }

  /** Copies the newest `rows` rows of `source` (width values per row) into a new array, oldest first. */
  copyNewest<T extends Float64Array | Int32Array>(source: T, rows: number, width: number, make: (length: number) => T): T {
    const out = make(rows * width)
    const first = this.position(this.size - rows)
    const end = Math.min(this.capacity, first + rows)
    out.set(source.subarray(first * width, end * width), 0)
    if (end - first < rows) out.set(source.subarray(0, (rows - (end - first)) * width), (end - first) * width)
    return out
  }
}

/** One reference column's values in the window: numbers as they are, categories as codes into a growing dictionary. */
interface WindowColumn {
  reference: ReferenceColumn
  values: Float64Array | null
  codes: Int32Array | null
  levels: string[]
  index: Map<string, number>
  /** Where the column was found in the last batch (tables of one model keep their order): a guess tried first. */
  hint: number
  /** True when the last batch's values came from the raw table (a split source). */
  fromRaw: boolean
}

/** The window's contents at one moment, ready for core's drift functions. */
export interface WindowContents {
  /** The reference columns' values over the input rows in the window, oldest first. */
  table: Table
  /** The model's output over the scored rows in the window: rows × width (classes, or 1 for regression). */
  output: Float64Array
  predictionRows: number
  /** Changes whenever the contents do (new rows, rows aged out): a cache key. */
  stamp: string
}

/** The sliding window of one served model version. */
export class DriftWindow {
  private readonly inputs: RowRing
  private readonly predictions: RowRing
  private readonly columns: WindowColumn[]
  private readonly outputs: Float64Array
  /** Values per prediction row: the number of classes, or 1 (regression). */
  readonly width: number
  /** For PredictOptions.observe: bound once, so a request allocates no closure. */
  readonly observe = (batch: ObservedBatch): void => this.append(batch)

  constructor(
    reference: BundleReference,
    classes: number,
    readonly limits: DriftWindowLimits = DEFAULT_DRIFT_WINDOW,
    private readonly clock: () => number = Date.now,
  ) {
    const capacity = Math.max(1, Math.floor(limits.rows))
    this.inputs = new RowRing(capacity)
    this.predictions = new RowRing(capacity)
    this.width = Math.max(1, classes)
    this.outputs = new Float64Array(capacity * this.width)
    this.columns = reference.columns.map((ref) => ({
      reference: ref,
      values: ref.type === 'number' ? new Float64Array(capacity) : null,
      codes: ref.type === 'category' ? new Int32Array(capacity) : null,
      levels: [],
      index: new Map(),
      hint: 0,
      fromRaw: false,
    }))
  }

  /** Copies one batch in: its cleaned input rows and the model's output. */
  append(batch: ObservedBatch): void {
    const now = this.clock()
    const { cleaned, raw, cleanedRows } = batch
    const n = cleaned.rowCount
    if (n > 0) {
      const s = this.inputs.push(n, now)
      for (const column of this.columns) {
        const source = sourceOf(column, cleaned, raw)
        const rows = column.fromRaw ? cleanedRows : null
        for (let k = 0; k < 6; k += 3) if (s[k + 1] > s[k]) copyColumn(column, source, rows, s[k], s[k + 1], s[k + 2])
      }
    }
    const width = this.width
    const scored = batch.output.length / width
    if (scored > 0) {
      const s = this.predictions.push(scored, now)
      for (let k = 0; k < 6; k += 3) if (s[k + 1] > s[k]) this.outputs.set(batch.output.subarray(s[k] * width, s[k + 1] * width), s[k + 2] * width)
    }
  }

  /** Rows within both limits now (inputs). */
  get rows(): number {
    return this.inputs.newerThan(this.since())
  }

  /** The rows within both limits now, as a table of the reference columns and the output. */
  current(): WindowContents {
    const since = this.since()
    const rows = this.inputs.newerThan(since)
    const predictionRows = this.predictions.newerThan(since)
    const columns: Column[] = this.columns.map((c) =>
      c.values
        ? { name: c.reference.name, type: 'number', values: this.inputs.copyNewest(c.values, rows, 1, (n) => new Float64Array(n)) }
        : { name: c.reference.name, type: 'category', codes: this.inputs.copyNewest(c.codes as Int32Array, rows, 1, (n) => new Int32Array(n)), levels: [...c.levels] },
    )
    const output = this.predictions.copyNewest(this.outputs, predictionRows, this.width, (n) => new Float64Array(n))
    return {
      table: { name: 'live window', rowCount: rows, columns },
      output,
      predictionRows,
      stamp: `${this.inputs.appended}:${rows}:${this.predictions.appended}:${predictionRows}`,
    }
  }

  private since(): number {
    return this.clock() - this.limits.seconds * 1000
  }
}

/**
 * Where a reference column's values are in a batch: the cleaned column, or
 * (a split source, whose reference describes the raw text) the raw column,
 * read at the cleaned rows' positions (`fromRaw`). Null when neither has it.
 */
function sourceOf(target: WindowColumn, cleaned: Table, raw: Table): Column | null {
  const name = target.reference.name
  const table = target.fromRaw ? raw : cleaned
  const guess = table.columns[target.hint]
  if (guess?.name === name) return guess
  for (const [fromRaw, t] of [[false, cleaned], [true, raw]] as const) {
    const at = t.columns.findIndex((c) => c.name === name)
    if (at >= 0) {
      target.hint = at
      target.fromRaw = fromRaw
      return t.columns[at]
    }
  }
  return null
}

/** Below this many rows a stretch is copied value by value (no view object for a one-row request). */
const SMALL = 16

/**
 * Copies batch rows [from, to) of a source column (at `rows[i]` when given)
 * into the window column from ring position `at`, as the reference's type.
 */
function copyColumn(target: WindowColumn, column: Column | null, rows: Int32Array | null, from: number, to: number, at: number): void {
  const { values, codes } = target
  const shift = at - from
  if (column === null) {
    // The request did not carry the column: missing in every row.
    if (values) values.fill(NaN, at, at + to - from)
    else codes?.fill(-1, at, at + to - from)
    return
  }
  if (values) {
    if (column.type === 'number') {
      const source = column.values
      if (rows) for (let i = from; i < to; i++) values[i + shift] = source[rows[i]]
      else if (to - from < SMALL) for (let i = from; i < to; i++) values[i + shift] = source[i]
      else values.set(source.subarray(from, to), at)
    } else {
      // The reference saw numbers where this request has text: read the text as numbers (not one, missing).
      for (let i = from; i < to; i++) {
        const code = column.codes[rows ? rows[i] : i]
        const level = code < 0 ? '' : column.levels[code]
        values[i + shift] = level.trim() === '' ? NaN : Number(level)
      }
    }
    return
  }
  const out = codes as Int32Array
  if (column.type === 'category') {
    // Request codes → window codes; for larger batches resolved once per level.
    const map = to - from < SMALL ? null : new Int32Array(column.levels.length).fill(-2)
    for (let i = from; i < to; i++) {
      const code = column.codes[rows ? rows[i] : i]
      if (code < 0) out[i + shift] = -1
      else if (map === null) out[i + shift] = levelCode(target, column.levels[code])
      else out[i + shift] = map[code] === -2 ? (map[code] = levelCode(target, column.levels[code])) : map[code]
    }
  } else {
    for (let i = from; i < to; i++) {
      const v = column.values[rows ? rows[i] : i]
      out[i + shift] = Number.isNaN(v) ? -1 : levelCode(target, numberText(v))
    }
  }
}

/** The window's code of a category value, adding it to the dictionary while there is room. */
function levelCode(column: WindowColumn, value: string): number {
  let code = column.index.get(value)
  if (code !== undefined) return code
  if (column.levels.length >= MAX_WINDOW_LEVELS - 1) {
    code = column.index.get(OTHER_LEVEL)
    if (code !== undefined) return code
    value = OTHER_LEVEL
  }
  code = column.levels.length
  column.levels.push(value)
  column.index.set(value, code)
  return code
}
