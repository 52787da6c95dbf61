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
   * Makes room for `n` rows at time `now`; calls `write(from, to, at)` for each
   * contiguous stretch: batch rows [from, to) go to ring positions from `at`.
   * A batch larger than the ring keeps its last `capacity` rows.
   */
  push(n: number, now: number, write: (from: number, to: number, at: number) => void): void {
    const skip = Math.max(0, n - this.capacity)
    let from = skip
    while (from < n) {
      const take = Math.min(n - from, this.capacity - this.head)
      write(from, from + take, this.head)
      this.times.fill(now, this.head, this.head + take)
      this.head = (this.head + take) % this.capacity
      from += take
    }
    this.size = Math.min(this.capacity, this.size + n - skip)
    this.appended += n
  }

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
    }))
  }

  /** Copies one batch in: its cleaned input rows and the model's output. */
  append(batch: ObservedBatch): void {
    const now = this.clock()
    const { cleaned, raw, cleanedRows } = batch
    const n = cleaned.rowCount
    if (n > 0) {
      const sources = this.columns.map((column) => sourceOf(column.reference.name, cleaned, raw, cleanedRows))
      this.inputs.push(n, now, (from, to, at) => {
        for (let c = 0; c < this.columns.length; c++) copyColumn(this.columns[c], sources[c], from, to, at)
      })
    }
    const scored = batch.output.length / this.width
    if (scored > 0) {
      const width = this.width
      this.predictions.push(scored, now, (from, to, at) => this.outputs.set(batch.output.subarray(from * width, to * width), at * width))
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

type Source = { column: Column; rows: Int32Array | null } | null

/** Where a reference column's values are in a batch: the cleaned column, or (a split source, whose reference describes the raw text) the raw column at the cleaned rows' positions. */
function sourceOf(name: string, cleaned: Table, raw: Table, cleanedRows: Int32Array): Source {
  const found = cleaned.columns.find((c) => c.name === name)
  if (found) return { column: found, rows: null }
  const rawColumn = raw.columns.find((c) => c.name === name)
  return rawColumn ? { column: rawColumn, rows: cleanedRows } : null
}

/** Copies batch rows [from, to) of a source column into the window column at ring position `at`, as the reference's type. */
function copyColumn(target: WindowColumn, source: Source, from: number, to: number, at: number): void {
  const { values, codes } = target
  if (!source) {
    // The request did not carry the column: missing in every row.
    if (values) values.fill(NaN, at, at + to - from)
    else codes?.fill(-1, at, at + to - from)
    return
  }
  const { column, rows } = source
  const row = (i: number): number => (rows ? rows[i] : i)
  if (values) {
    if (column.type === 'number') {
      if (!rows) values.set(column.values.subarray(from, to), at)
      else for (let i = from; i < to; i++) values[at + i - from] = column.values[row(i)]
    } else {
      // The reference saw numbers where this request has text: read the text as numbers (not one, missing).
      const parsed = column.levels.map((level) => (level.trim() === '' ? NaN : Number(level)))
      for (let i = from; i < to; i++) {
        const code = column.codes[row(i)]
        values[at + i - from] = code < 0 ? NaN : parsed[code]
      }
    }
    return
  }
  const out = codes as Int32Array
  if (column.type === 'category') {
    // Request codes → window codes, resolved once per level of the batch.
    const map = new Int32Array(column.levels.length).fill(-2)
    for (let i = from; i < to; i++) {
      const code = column.codes[row(i)]
      if (code < 0) {
        out[at + i - from] = -1
        continue
      }
      if (map[code] === -2) map[code] = levelCode(target, column.levels[code])
      out[at + i - from] = map[code]
    }
  } else {
    for (let i = from; i < to; i++) {
      const v = column.values[row(i)]
      out[at + i - from] = Number.isNaN(v) ? -1 : levelCode(target, numberText(v))
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
