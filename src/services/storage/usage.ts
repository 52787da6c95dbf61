/** How much room the studio's records take, and which runs take the most. */
import { migrateRun } from '../../core/tracking/run-schema'
import { db } from './db'

/** How full storage is and which runs take the most room, so the page can say what to delete. */
export interface StorageUsage {
  /** Bytes the site uses: the browser's estimate, or the sum of record sizes when it gives none. */
  usageBytes: number
  /** Bytes the browser allows the site, or null when it does not say. */
  quotaBytes: number | null
  /** True when usageBytes is the studio's own estimate from record sizes. */
  estimated: boolean
  /** Number of runs stored. */
  runs: number
  /** Estimated bytes of all runs. */
  runBytes: number
  /** The largest runs, largest first; `registered` runs need force to delete. */
  largestRuns: { id: string; bytes: number; startedAt: string; family: string; experimentId: string; registered: boolean }[]
}

/**
 * Storage used and allowed, and the `limit` largest runs. A record's size is
 * estimated from the length of its JSON text: close enough to rank runs and
 * to show megabytes, without the cost of measuring IndexedDB's own encoding.
 */
export async function storageUsage(options: { limit?: number } = {}): Promise<StorageUsage> {
  const database = await db()
  const tx = database.transaction(['runs', 'registry', 'experiments', 'datasets', 'artifacts'], 'readonly')
  const sizes: StorageUsage['largestRuns'] = []
  const registered = new Set((await tx.objectStore('registry').getAll()).flatMap((m) => m.versions.map((v) => v.runId)))
  let cursor = await tx.objectStore('runs').openCursor()
  while (cursor) {
    const run = migrateRun(cursor.value)
    sizes.push({ id: run.id, bytes: JSON.stringify(cursor.value).length + (run.bundleSummary?.bytes ?? 0), startedAt: run.startedAt, family: run.family, experimentId: run.experimentId, registered: registered.has(run.id) })
    cursor = await cursor.continue()
  }
  let otherBytes = 0
  for (const store of ['registry', 'experiments', 'datasets'] as const) {
    for (const record of await tx.objectStore(store).getAll()) otherBytes += JSON.stringify(record).length
  }
  await tx.done
  const runBytes = sizes.reduce((sum, s) => sum + s.bytes, 0)
  const estimate = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined)
  sizes.sort((a, b) => b.bytes - a.bytes)
  return {
    usageBytes: estimate?.usage ?? runBytes + otherBytes,
    quotaBytes: estimate?.quota ?? null,
    estimated: estimate?.usage === undefined,
    runs: sizes.length,
    runBytes,
    largestRuns: sizes.slice(0, options.limit ?? 10),
  }
}
