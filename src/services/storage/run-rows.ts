/**
 * The runRowBuckets store: every run's row (core/tracking/run-row), kept in
 * ROW_BUCKETS records of columns (core/tracking/run-row-columns), written and
 * deleted in the same transaction as the run itself, so the Runs table lists
 * every run without reading whole runs. One more record, at REVISIONS_KEY,
 * says when each bucket last changed: a page that has read the rows once
 * re-reads only the buckets that changed since, and keeps the very same list
 * (and so every sort and filter worked out from it) when none did.
 */
import { bucketOf, mergeRows, ROW_BUCKETS, runRowOf, RUN_ROW_SCHEMA_VERSION, type RunRow } from '../../core/tracking/run-row'
import { decodeRows, encodeRows, type RowColumns } from '../../core/tracking/run-row-columns'
import { migrateRun, type RunRecord } from '../../core/tracking/run-schema'

export type { RunRow } from '../../core/tracking/run-row'

/** One bucket: its number and its rows as columns. */
export interface RowBucket {
  bucket: number
  rowSchemaVersion: number
  rows: RowColumns
}

/** The record at REVISIONS_KEY: a number per bucket, new at every write of that bucket. */
export interface RowRevisions {
  bucket: typeof REVISIONS_KEY
  revisions: Float64Array
}

/** Key of the revisions record, beside buckets 0 to ROW_BUCKETS - 1. */
export const REVISIONS_KEY = -1

/** The bucket store as any read-write transaction that includes it hands it out. */
export interface BucketStore {
  get(bucket: number): Promise<RowBucket | RowRevisions | undefined>
  put(record: RowBucket | RowRevisions): Promise<unknown>
}

/** The bucket store as a read-only transaction hands it out. */
export interface BucketReader {
  get(bucket: number): Promise<RowBucket | RowRevisions | undefined>
  getAll(range: IDBKeyRange): Promise<(RowBucket | RowRevisions)[]>
}

/**
 * A revision no earlier one repeats: random rather than counted, so a page
 * holding rows of a database since deleted and made again cannot mistake new
 * buckets for the ones it read.
 */
function newRevision(): number {
  return Math.floor(Math.random() * 2 ** 52) + 1
}

async function revisionsOf(buckets: Pick<BucketReader, 'get'>): Promise<Float64Array> {
  const stored = (await buckets.get(REVISIONS_KEY)) as RowRevisions | undefined
  return stored ? stored.revisions : new Float64Array(ROW_BUCKETS)
}

/** A bucket's rows; a bucket that is missing (never written) has none. */
function rowsOf(stored: RowBucket | RowRevisions | undefined): RunRow[] {
  if (!stored) return []
  if (!('rows' in stored) || stored.rowSchemaVersion !== RUN_ROW_SCHEMA_VERSION) {
    throw new Error(`storage: run-row bucket ${stored.bucket} has row schema ${'rowSchemaVersion' in stored ? stored.rowSchemaVersion : 'none'}, expected ${RUN_ROW_SCHEMA_VERSION}; reload the page to upgrade the database`)
  }
  return decodeRows(stored.rows)
}

/**
 * Puts `rows` and removes the rows of `deletedIds`: one read and one write per
 * bucket touched (and one for the revisions), so importing thousands of runs
 * stays cheap. Inside a transaction: it awaits only IndexedDB requests.
 */
export async function writeRows(buckets: BucketStore, rows: readonly RunRow[], deletedIds: readonly string[] = []): Promise<void> {
  const touched = new Map<number, { put: RunRow[]; deleted: Set<string> }>()
  const entry = (id: string) => {
    const bucket = bucketOf(id)
    let e = touched.get(bucket)
    if (!e) touched.set(bucket, (e = { put: [], deleted: new Set() }))
    return e
  }
  for (const row of rows) entry(row.id).put.push(row)
  for (const id of deletedIds) entry(id).deleted.add(id)
  if (touched.size === 0) return
  const revisions = await revisionsOf(buckets)
  for (const [bucket, change] of touched) {
    const before = rowsOf(await buckets.get(bucket))
    await buckets.put({ bucket, rowSchemaVersion: RUN_ROW_SCHEMA_VERSION, rows: encodeRows(mergeRows(before, change.put, change.deleted)) })
    revisions[bucket] = newRevision()
  }
  await buckets.put({ bucket: REVISIONS_KEY, revisions })
}

/** Puts runs (as they are to be kept: bundles already stored apart) and their rows. */
export async function putRunsWithRows(stores: { runs: { put(record: RunRecord): Promise<unknown> }; buckets: BucketStore }, runs: readonly RunRecord[]): Promise<void> {
  for (const run of runs) await stores.runs.put(run)
  await writeRows(
    stores.buckets,
    runs.map((run) => runRowOf(migrateRun(run))),
  )
}

/** The rows last read: per bucket with its revision, and all of them newest first. */
let lastRead: { revisions: Float64Array; buckets: RunRow[][]; all: RunRow[] } | null = null

/**
 * Every run's row, newest first. Buckets unchanged since the last read are
 * not read again, and when none changed the same array comes back, so the
 * page's memoised filters and sorts stay valid. Inside a read-only transaction.
 */
export async function readRows(buckets: BucketReader): Promise<RunRow[]> {
  const revisions = await revisionsOf(buckets)
  const previous = lastRead
  const changed: number[] = []
  for (let b = 0; b < ROW_BUCKETS; b++) if (!previous || previous.revisions[b] !== revisions[b]) changed.push(b)
  if (previous && changed.length === 0) return previous.all
  const rows = previous ? [...previous.buckets] : Array.from({ length: ROW_BUCKETS }, (): RunRow[] => [])
  if (changed.length === ROW_BUCKETS) {
    // One request for all of them (the first read of a page).
    for (const b of rows.keys()) rows[b] = []
    for (const stored of await buckets.getAll(IDBKeyRange.bound(0, ROW_BUCKETS - 1))) rows[stored.bucket] = rowsOf(stored)
  } else {
    const read = await Promise.all(changed.map((b) => buckets.get(b)))
    changed.forEach((b, k) => (rows[b] = rowsOf(read[k])))
  }
  const all = mergeNewestFirst(rows)
  lastRead = { revisions: Float64Array.from(revisions), buckets: rows, all }
  return all
}

/** Forgets the rows last read (tests, and a connection closed for another tab's upgrade). */
export function forgetReadRows(): void {
  lastRead = null
}

/**
 * The buckets (each newest first) as one list newest first: merged two by
 * two, log2(64) = 6 passes of one comparison per row, instead of a general
 * sort calling a comparator (about three times the time on 50,000 rows).
 */
function mergeNewestFirst(buckets: readonly RunRow[][]): RunRow[] {
  let lists = buckets.filter((rows) => rows.length > 0)
  if (lists.length === 0) return []
  // A copy, so the list handed out is never a bucket's own array.
  if (lists.length === 1) return lists[0].slice()
  while (lists.length > 1) {
    const next: RunRow[][] = []
    for (let k = 0; k < lists.length; k += 2) next.push(k + 1 < lists.length ? mergeTwo(lists[k], lists[k + 1]) : lists[k])
    lists = next
  }
  return lists[0]
}

/** Two newest-first lists as one (newestFirst's order: later start first, then greater id first). */
function mergeTwo(a: readonly RunRow[], b: readonly RunRow[]): RunRow[] {
  const out: RunRow[] = new Array(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) {
    const x = a[i]
    const y = b[j]
    // Take from b only when its row comes strictly first, so equal rows keep a before b.
    const bFirst = y.startedAt > x.startedAt || (y.startedAt === x.startedAt && y.id > x.id)
    out[k++] = bFirst ? b[j++] : a[i++]
  }
  while (i < a.length) out[k++] = a[i++]
  while (j < b.length) out[k++] = b[j++]
  return out
}
