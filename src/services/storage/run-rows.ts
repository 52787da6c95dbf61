/**
 * The runRowBuckets store: every run's row (core/tracking/run-row), kept in
 * ROW_BUCKETS records of JSON text, written and deleted in the same
 * transaction as the run itself, so the Runs table lists every run without
 * reading whole runs (listRunRows in ./runs reads them).
 */
import { bucketOf, mergeRows, runRowOf, RUN_ROW_SCHEMA_VERSION, type RunRow } from '../../core/tracking/run-row'
import { migrateRun, type RunRecord } from '../../core/tracking/run-schema'

export type { RunRow } from '../../core/tracking/run-row'

/** One bucket: its number and its rows as JSON text. */
export interface RowBucket {
  bucket: number
  rowSchemaVersion: number
  json: string
}

/** The bucket store as any read-write transaction that includes it hands it out. */
export interface BucketStore {
  get(bucket: number): Promise<RowBucket | undefined>
  put(record: RowBucket): Promise<unknown>
}

/**
 * Puts `rows` and removes the rows of `deletedIds`: one read and one write per
 * bucket touched, so importing thousands of runs stays cheap. Inside a
 * transaction: it awaits only IndexedDB requests.
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
  for (const [bucket, change] of touched) {
    const stored = await buckets.get(bucket)
    const before: RunRow[] = stored ? JSON.parse(stored.json) : []
    await buckets.put({ bucket, rowSchemaVersion: RUN_ROW_SCHEMA_VERSION, json: JSON.stringify(mergeRows(before, change.put, change.deleted)) })
  }
}

/** Puts runs (as they are to be kept: bundles already stored apart) and their rows. */
export async function putRunsWithRows(stores: { runs: { put(record: RunRecord): Promise<unknown> }; buckets: BucketStore }, runs: readonly RunRecord[]): Promise<void> {
  for (const run of runs) await stores.runs.put(run)
  await writeRows(
    stores.buckets,
    runs.map((run) => runRowOf(migrateRun(run))),
  )
}
