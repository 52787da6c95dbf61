/**
 * The artifacts store: each run's model bundle, kept apart from its run record
 * so that listing runs does not read every model.
 */
import type { ModelBundle } from '../../core/bundle/bundle'
import { upgradeStoredBundle } from '../../core/bundle/migrate'
import { summarizeBundle, type RunRecord } from '../../core/tracking/run-schema'
import { db, type ArtifactRecord } from './db'

/** Writes a run's bundle to the artifacts store and returns the record to keep in `runs` (bundle null, summary set). */
export async function storeApart<R extends RunRecord>(artifacts: { put(record: ArtifactRecord): Promise<unknown> }, run: R, before?: RunRecord): Promise<R> {
  if (!run.bundle) return { ...run, bundleSummary: run.bundleSummary ?? before?.bundleSummary ?? null }
  await artifacts.put({ schemaVersion: 1, runId: run.id, bundle: run.bundle })
  return { ...run, bundle: null, bundleSummary: summarizeBundle(run.bundle) }
}

/** A run's model bundle, or null when it has none. */
export async function getRunBundle(runId: string): Promise<ModelBundle | null> {
  const bundle = (await (await db()).get('artifacts', runId))?.bundle ?? null
  // Runs kept before bundle version 2 hold version 1: read it as version 2.
  return bundle && (upgradeStoredBundle(bundle) as ModelBundle)
}
