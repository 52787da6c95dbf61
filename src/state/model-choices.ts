import { FAMILIES } from '../core/model/registry'
import type { RegisteredModel } from '../services/storage/registry'
import type { RunRow } from '../services/storage/run-rows'
import type { RunRecord } from '../services/storage/runs'

/** A model the Predict page can load: a registered version, or a run that kept its model. */
export interface ModelChoice {
  /** Stable key for the picker: "version:<model>:<n>" or "run:<id>". */
  key: string
  label: string
  group: 'Registered models' | 'Runs'
  runId: string
  /** For a registered version: which one, and its stage now. */
  registry?: { name: string; version: number; stage: string }
}

/**
 * Every model the page can predict with: registered versions (Production
 * first, then the newest), then finished runs with a stored model, newest
 * first. A version whose run is gone cannot be loaded and is left out.
 */
export function modelChoices(models: readonly RegisteredModel[], runs: readonly (RunRow & Partial<Pick<RunRecord, 'bundle'>>)[]): ModelChoice[] {
  const byId = new Map(runs.map((r) => [r.id, r]))
  const stageRank = (stage: string) => (stage === 'Production' ? 0 : stage === 'Staging' ? 1 : stage === 'None' ? 2 : 3)
  const versions = models.flatMap((m) =>
    [...m.versions]
      .filter((v) => byId.has(v.runId))
      .sort((a, b) => stageRank(a.stage) - stageRank(b.stage) || b.version - a.version)
      .map(
        (v): ModelChoice => ({
          key: `version:${m.name}:${v.version}`,
          label: `${m.name} · version ${v.version}${v.stage === 'None' ? '' : ` · ${v.stage}`}`,
          group: 'Registered models',
          runId: v.runId,
          registry: { name: m.name, version: v.version, stage: v.stage },
        }),
      ),
  )
  const trained = runs
    // Listed rows carry the summary of a bundle stored apart; a run in memory may carry the bundle itself.
    .filter((r) => r.status === 'finished' && (!!r.bundle || !!r.bundleSummary))
    .map(
      (r): ModelChoice => ({
        key: `run:${r.id}`,
        label: `${FAMILIES[r.family]?.label ?? r.family} · ${r.dataset.name} → ${r.target} · ${new Date(r.startedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}`,
        group: 'Runs',
        runId: r.id,
      }),
    )
  return [...versions, ...trained]
}

/**
 * The model the page opens with: the registry's Production version (of the
 * first model that has one), else the first registered version listed, else
 * the newest run; null when there is nothing to predict with.
 */
export function defaultChoice(choices: readonly ModelChoice[]): ModelChoice | null {
  return choices.find((c) => c.registry?.stage === 'Production') ?? choices.find((c) => c.registry) ?? choices[0] ?? null
}
