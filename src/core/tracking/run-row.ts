import { summarizeBundle, type RunRecord, type StoredRun } from './run-schema'

/**
 * A run's row: what the Runs table, its filters and sorts, the model pickers
 * and the registry list read about a run, and nothing else. Storage keeps one
 * beside every run (the runRows store), so listing 50,000 runs reads a few
 * hundred bytes each instead of whole runs with their curves, fold
 * assignments and search trials. The full run is read when one is opened or
 * compared.
 *
 * Every field has the name and type it has on RunRecord (cross-validation cut
 * to its scheme, metric and summary), so a stored run is a RunRow too: a full
 * run can stand wherever a row is expected, and the code that reads rows is
 * the code that read runs. Whether a run kept a model is `bundleSummary`
 * (storage sets it whenever it stores a bundle apart).
 */
export type RunRow = Pick<
  RunRecord,
  | 'id'
  | 'status'
  | 'startedAt'
  | 'finishedAt'
  | 'durationMs'
  | 'dataset'
  | 'target'
  | 'task'
  | 'family'
  | 'seed'
  | 'testShare'
  | 'metrics'
  | 'error'
  | 'bundleSummary'
  | 'experimentId'
  | 'tags'
  | 'note'
  | 'kind'
  | 'parentId'
> & {
  cv?: Pick<NonNullable<RunRecord['cv']>, 'scheme' | 'metric' | 'summary'> | null
}

/**
 * Version of the stored rows' shape (kept on each bucket); rows are rebuilt
 * from their runs when it changes. 1: JSON text per bucket (database 5);
 * 2: columns (run-row-columns.ts, database 6), without the search text.
 */
export const RUN_ROW_SCHEMA_VERSION = 2

/** The row of a run (a current-schema run, as storage holds it). */
export function runRowOf(run: StoredRun): RunRow {
  const row: RunRow = {
    id: run.id,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
    dataset: { name: run.dataset.name, fingerprint: run.dataset.fingerprint, rows: run.dataset.rows, columns: run.dataset.columns },
    target: run.target,
    task: run.task,
    family: run.family,
    seed: run.seed,
    testShare: run.testShare,
    metrics: run.metrics,
    error: run.error,
    // Storage keeps bundles apart and sets the summary; a bundle still inline is summarised here.
    bundleSummary: run.bundleSummary ?? (run.bundle ? summarizeBundle(run.bundle) : null),
    experimentId: run.experimentId,
    tags: run.tags,
    note: run.note,
    cv: run.cv ? { scheme: run.cv.scheme, metric: run.cv.metric, summary: run.cv.summary } : null,
  }
  // Optional fields stay absent when the run has none, as on the run itself.
  if (run.kind !== undefined) row.kind = run.kind
  if (run.parentId !== undefined) row.parentId = run.parentId
  return row
}

/**
 * The text the Runs page's search box is matched against: dataset, target,
 * model, tags, note and id, lower case. Made when a search is first typed
 * (state/run-query keeps it per row), not stored.
 */
export function runSearchText(run: Pick<RunRow, 'dataset' | 'target' | 'family' | 'tags' | 'note' | 'id'>): string {
  return `${run.dataset.name} ${run.target} ${run.family} ${(run.tags ?? []).join(' ')} ${run.note ?? ''} ${run.id}`.toLowerCase()
}

/**
 * Rows are kept in a fixed number of buckets, each one record holding its
 * rows as columns (run-row-columns.ts): reading 64 records is several times
 * faster than reading 50,000 (in Chromium, 50,000 rows: ~150 ms against
 * ~700 ms on a loaded 2-core machine), and a save rewrites only its run's
 * bucket. Changing the count needs a database version that rebuilds them.
 */
export const ROW_BUCKETS = 64

/** The bucket a run's row lives in: FNV-1a of its id, modulo ROW_BUCKETS. */
export function bucketOf(id: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193)
  return (hash >>> 0) % ROW_BUCKETS
}

/**
 * A bucket's rows after putting `put` (replacing rows with the same id) and
 * removing the ids in `deleted`, newest first: buckets kept in order make the
 * whole list 64 sorted runs, which the final sort merges rather than sorts.
 */
export function mergeRows(rows: readonly RunRow[], put: readonly RunRow[], deleted: ReadonlySet<string> = new Set()): RunRow[] {
  const replaced = new Set(put.map((r) => r.id))
  return [...rows.filter((r) => !replaced.has(r.id) && !deleted.has(r.id)), ...put].sort(newestFirst)
}

/** Newest first; runs started at the same moment by id, last first (the order runs were always listed in). */
export function newestFirst(a: RunRow, b: RunRow): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0
}
