import type { RunRow } from './run-row'

/**
 * Rows kept by column: the form a bucket of run rows is stored in (database
 * version 6). Numbers go in Float64Arrays, which IndexedDB clones as bytes;
 * the values most runs share (status, dataset, target, model, experiment,
 * tags…) are stored once per bucket and referenced by number; only ids and
 * timestamps are a string per run. Reading 50,000 rows this way moves about a
 * third of the bytes of their JSON text, parses no 17-digit numbers and makes
 * one string per run instead of several, so the Runs page reads and draws
 * them sooner and leaves less for the garbage collector.
 *
 * Decoded rows share those values: a row's `dataset`, `tags`, `cv` and
 * `bundleSummary` are the same (frozen) object in every row that has them.
 */
export interface RowColumns {
  count: number
  id: TextColumn
  startedAt: TextColumn
  finishedAt: TextColumn
  /** null as NaN (JSON turned NaN into null too). */
  durationMs: Float64Array
  /** Every metric name any row of the bucket has. */
  metricNames: string[]
  /** count × metricNames.length, row by row; a null or absent metric is NaN. */
  metricValues: Float64Array
  /** The distinct values of the SHARED fields (and metric key sets), each once. */
  shared: unknown[]
  /**
   * count × SHARED.length, row by row: 1 + index into `shared`, 0 for a field
   * the row leaves out; as narrow an array as the number of shared values allows.
   */
  codes: Uint8Array | Uint16Array | Uint32Array
}

/**
 * Text of every row as one string and each row's length plus one (0 for
 * null), in as narrow an array as the longest allows: one string to store and
 * read instead of one per row, which IndexedDB reads noticeably faster,
 * whatever characters the text holds.
 */
export interface TextColumn {
  text: string
  lengths: Uint8Array | Uint16Array | Uint32Array
}

/** Fields stored once per distinct value. `metricKeys` is the list of metric columns a row has. */
const SHARED = ['status', 'dataset', 'target', 'task', 'family', 'seed', 'testShare', 'error', 'bundleSummary', 'experimentId', 'tags', 'note', 'cv', 'kind', 'parentId', 'metricKeys'] as const

/**
 * How every field of a row is kept; the type makes a new RunRow field a
 * compile error here until it is given a place, so no field is silently dropped.
 */
const KEPT: { [K in keyof Required<RunRow>]: 'own' | 'number' | 'shared' | 'metrics' } = {
  id: 'own',
  startedAt: 'own',
  finishedAt: 'own',
  durationMs: 'number',
  seed: 'shared',
  testShare: 'shared',
  metrics: 'metrics',
  status: 'shared',
  dataset: 'shared',
  target: 'shared',
  task: 'shared',
  family: 'shared',
  error: 'shared',
  bundleSummary: 'shared',
  experimentId: 'shared',
  tags: 'shared',
  note: 'shared',
  cv: 'shared',
  kind: 'shared',
  parentId: 'shared',
}
void KEPT

const FIELDS = SHARED.length
/** Each shared field's place in a row's codes. */
const F = Object.fromEntries(SHARED.map((name, i) => [name, i])) as Record<(typeof SHARED)[number], number>
const METRIC_KEYS = F.metricKeys

/** The rows as columns, in the order given. */
export function encodeRows(rows: readonly RunRow[]): RowColumns {
  const count = rows.length
  const metricIndex = new Map<string, number>()
  for (const row of rows) for (const name in row.metrics) if (!metricIndex.has(name)) metricIndex.set(name, metricIndex.size)
  const metricNames = [...metricIndex.keys()]
  const width = metricNames.length
  const metricValues = new Float64Array(count * width).fill(NaN)
  const durationMs = new Float64Array(count)
  const wide = new Uint32Array(count * FIELDS)
  const shared: unknown[] = []
  const known = new Map<string, number>()
  const code = (value: unknown): number => {
    if (value === undefined) return 0
    const key = JSON.stringify(value)
    let c = known.get(key)
    if (c === undefined) {
      // Through JSON, as rows were always kept: the decoded value is the value JSON would give back.
      shared.push(JSON.parse(key))
      c = shared.length
      known.set(key, c)
    }
    return c
  }
  rows.forEach((row, i) => {
    durationMs[i] = row.durationMs ?? NaN
    const keys: number[] = []
    for (const name in row.metrics) {
      const k = metricIndex.get(name)!
      keys.push(k)
      const v = row.metrics[name]
      metricValues[i * width + k] = typeof v === 'number' ? v : NaN
    }
    for (let f = 0; f < FIELDS; f++) wide[i * FIELDS + f] = code(f === METRIC_KEYS ? keys : row[SHARED[f] as Exclude<(typeof SHARED)[number], 'metricKeys'>])
  })
  const codes = narrowest(wide, shared.length)
  return {
    count,
    id: textColumn(rows.map((r) => r.id)),
    startedAt: textColumn(rows.map((r) => r.startedAt)),
    finishedAt: textColumn(rows.map((r) => r.finishedAt)),
    durationMs,
    metricNames,
    metricValues,
    shared,
    codes,
  }
}

/** The rows back, as encodeRows was given them (through JSON: null for NaN). Throws naming a malformed bucket. */
export function decodeRows(columns: RowColumns): RunRow[] {
  const { count, codes, metricNames, metricValues } = columns
  const width = metricNames.length
  if (codes.length !== count * FIELDS || metricValues.length !== count * width || columns.id.lengths.length !== count) {
    throw new Error(`run rows: a bucket of ${count} rows has ${columns.id.lengths.length} ids, ${codes.length} codes (expected ${count * FIELDS}) and ${metricValues.length} metric values (expected ${count * width})`)
  }
  const shared = [undefined, ...columns.shared.map(deepFreeze)]
  const id = texts(columns.id, 'id')
  const startedAt = texts(columns.startedAt, 'startedAt')
  const finishedAt = texts(columns.finishedAt, 'finishedAt')
  const rows: RunRow[] = new Array(count)
  const value = (i: number, f: number): unknown => shared[codes[i * FIELDS + f]]
  for (let i = 0; i < count; i++) {
    const metrics: Record<string, number | null> = {}
    for (const k of value(i, METRIC_KEYS) as number[]) {
      const v = metricValues[i * width + k]
      metrics[metricNames[k]] = Number.isNaN(v) ? null : v
    }
    const duration = columns.durationMs[i]
    const row: RunRow = {
      id: id[i]!,
      status: value(i, F.status) as RunRow['status'],
      startedAt: startedAt[i]!,
      finishedAt: finishedAt[i],
      durationMs: Number.isNaN(duration) ? null : duration,
      dataset: value(i, F.dataset) as RunRow['dataset'],
      target: value(i, F.target) as string,
      task: value(i, F.task) as RunRow['task'],
      family: value(i, F.family) as string,
      seed: value(i, F.seed) as number,
      testShare: value(i, F.testShare) as number,
      metrics,
      error: value(i, F.error) as string | null,
      bundleSummary: value(i, F.bundleSummary) as RunRow['bundleSummary'],
      experimentId: value(i, F.experimentId) as string,
      tags: value(i, F.tags) as string[],
      note: value(i, F.note) as string,
      cv: value(i, F.cv) as RunRow['cv'],
    }
    // Optional fields stay absent when the run has none, as on the run itself.
    const kind = value(i, F.kind)
    if (kind !== undefined) row.kind = kind as RunRow['kind']
    const parentId = value(i, F.parentId)
    if (parentId !== undefined) row.parentId = parentId as string | null
    rows[i] = row
  }
  return rows
}

/** `values` (none above `max`) in the narrowest unsigned array that holds them. */
function narrowest(values: Uint32Array, max: number): Uint8Array | Uint16Array | Uint32Array {
  return max <= 0xff ? Uint8Array.from(values) : max <= 0xffff ? Uint16Array.from(values) : values
}

function textColumn(values: readonly (string | null)[]): TextColumn {
  const lengths = Uint32Array.from(values, (v) => (v === null ? 0 : v.length + 1))
  return { text: values.map((v) => v ?? '').join(''), lengths: narrowest(lengths, lengths.reduce((m, v) => Math.max(m, v), 0)) }
}

function texts(column: TextColumn, name: string): (string | null)[] {
  const out: (string | null)[] = new Array(column.lengths.length)
  let at = 0
  for (let i = 0; i < out.length; i++) {
    const length = column.lengths[i]
    out[i] = length === 0 ? null : column.text.slice(at, (at += length - 1))
  }
  if (at !== column.text.length) throw new Error(`run rows: the ${name} column holds ${column.text.length} characters, its lengths add up to ${at}`)
  return out
}

/** Shared values are one object in many rows: frozen, so a change to one row cannot show up in another. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v)
    Object.freeze(value)
  }
  return value
}
