import type { ModelBundle } from '../bundle/bundle'
import { upgradeStoredBundle } from '../bundle/migrate'
import type { CleaningRecipe } from '../clean/types'
import type { FoldScheme } from '../eval/folds'
import type { MetricSummary } from '../eval/summary'
import type { LossPoint } from '../model/estimator'
import type { PipelineConfig } from '../pipeline/config'
import type { RocCurve } from '../metrics/classification'
import type { Task } from '../types'
import { experimentIdFor } from './experiment'

/**
 * The run record and its schema history. It lives in core (not in the storage
 * module) because the experiment file carries runs and is validated here, and
 * core may not import storage. Storage re-exports everything in this file.
 *
 * Schema history:
 *   1: the first runs.
 *   2: + recipe, pipelineConfig (runs of schema 1 were trained without cleaning
 *      and with the default pipeline, so both are null).
 *   3: + experimentId, tags, note (older runs join their dataset's default
 *      experiment, with no tags and an empty note).
 */
export const RUN_SCHEMA_VERSION = 3

export type RunStatus = 'running' | 'finished' | 'failed' | 'cancelled'

export const RUN_STATUSES: readonly RunStatus[] = ['running', 'finished', 'failed', 'cancelled']

/** One training run as kept in storage. */
export interface RunRecord {
  schemaVersion: number
  id: string
  status: RunStatus
  startedAt: string
  finishedAt: string | null
  durationMs: number | null
  dataset: { name: string; fingerprint: string; rows: number; columns: number }
  target: string
  task: Task
  features: string[]
  family: string
  params: Record<string, unknown>
  seed: number
  testShare: number
  metrics: Record<string, number | null>
  confusion: number[][] | null
  roc: RocCurve | null
  featureImportance: { name: string; value: number }[]
  iterations: number | null
  error: string | null
  /**
   * The model bundle. Stored apart (an artifact), so listing runs stays light:
   * runs read in bulk carry null here and `bundleSummary` instead; getRun fills it.
   */
  bundle: ModelBundle | null
  /** What the page shows about the bundle without loading it (set by storage). */
  bundleSummary?: BundleSummary | null
  /** The cleaning recipe applied before training (schema 2). */
  recipe: CleaningRecipe | null
  /** The feature pipeline configuration (schema 2). */
  pipelineConfig: PipelineConfig | null
  /**
   * The experiment the run belongs to (schema 3). Optional so the page can
   * build a run without knowing it: saving fills in the dataset's default.
   */
  experimentId?: string
  /** Free labels the user gives a run, e.g. "baseline" (schema 3; saving fills in []). */
  tags?: string[]
  /** The user's note on the run (schema 3; saving fills in ''). */
  note?: string
  /** How the fitted pipeline prepared each feature, in plain words (absent on older runs). */
  pipelineSteps?: { step: string; columns: string[]; detail: string }[]
  /** Drop in held-out score when each feature is shuffled (absent on older runs). */
  permutationImportance?: { scoring: string; baseline: number; features: { name: string; mean: number; std: number }[] } | null
  /** Regression: held-out predictions against truth, for the residual plot. */
  residuals?: { predicted: number[]; actual: number[] } | null
  /** Loss per round or epoch (boosting, neural net). */
  history?: LossPoint[] | null
  bestIteration?: number | null
  oobScore?: number | null
  /** Compute backend that ran the fit (neural net: webgpu, wasm or cpu). */
  backend?: string
  /** Cross-validation behind this model (search or leaderboard refits): scheme, metric and mean ± std per metric. */
  cv?: {
    scheme: FoldScheme
    metric: string
    summary: Record<string, MetricSummary>
    /** Metrics of every fold (search finals and leaderboard entries). */
    folds?: { fold: number; repeat: number; metrics: Record<string, number | null> }[]
    /** Fold (1-based) of every row of the table; 0 = locked test row, -1 = no target. */
    assignment?: number[]
  } | null
  /** Precision–recall and calibration curves of the held-out rows (binary tasks). */
  pr?: { precision: number[]; recall: number[]; thresholds: number[] } | null
  calibration?: { predicted: number[]; observed: number[]; counts: number[] } | null
  /** What produced the run: a holdout training, a search's final model, or one trial of a search (a child run). */
  kind?: 'holdout' | 'search' | 'trial' | 'cv'
  /** For a search trial: the run of the search it belongs to. */
  parentId?: string | null
  /** The search this model won: method, every trial and the best parameters. */
  search?: {
    method: string
    metric: string
    trials: { params: Record<string, unknown>; share: number; status: string; summary: Record<string, MetricSummary> | null }[]
    bestParams: Record<string, unknown>
    bestScore: number | null
  } | null
}

/** A run as storage hands it out: current schema, tracking fields always present. */
export type StoredRun = RunRecord & { experimentId: string; tags: string[]; note: string }

/**
 * Brings a run record of any earlier schema up to the current one. Idempotent,
 * and it also fills tracking fields a current-schema record left out (the page
 * builds runs without them), so every run read or written is complete.
 */
export function migrateRun(record: RunRecord): StoredRun {
  const run = { ...record }
  if ((run.schemaVersion ?? 1) < 2) {
    run.recipe = null
    run.pipelineConfig = null
    run.schemaVersion = 2
  }
  if (run.schemaVersion < 3) run.schemaVersion = 3
  return {
    ...run,
    // Bundles of version 1 (runs kept before bundle version 2) are read as version 2.
    bundle: run.bundle && (upgradeStoredBundle(run.bundle) as ModelBundle),
    experimentId: run.experimentId ?? experimentIdFor(run.dataset?.fingerprint ?? ''),
    tags: run.tags ?? [],
    note: run.note ?? '',
  }
}

/** The few bundle facts the runs table, results and comparison need, kept on the run record. */
export interface BundleSummary {
  labels: string[]
  trainRows: number
  testRows: number
  converged: boolean
  /** Size of the bundle's JSON text, for the storage report. */
  bytes: number
}

/** Summarises a bundle for its run record. */
export function summarizeBundle(bundle: ModelBundle): BundleSummary {
  return {
    labels: bundle.target.labels,
    trainRows: bundle.training.trainRows,
    testRows: bundle.training.testRows,
    converged: bundle.training.converged,
    bytes: JSON.stringify(bundle).length,
  }
}
