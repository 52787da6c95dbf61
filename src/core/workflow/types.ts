import type { CleaningRecipe } from '../clean/types'
import type { PipelineConfig } from '../pipeline/config'
import type { SearchSpace } from '../eval/search-space'
import type { Task } from '../types'
import type { Stage } from '../tracking/registry'

/**
 * The saved pipeline and its runs: a pipeline is JSON (what to load, how to
 * clean, what to train, where to register, when to promote); a run re-executes
 * its eight stages on new data and records each one the way Airflow's graph
 * view does. Shared by the page (IndexedDB registry) and the headless CLI
 * (registry directory) through `RegistryPort`.
 */

export const PIPELINE_FORMAT = 'clinical-ml-studio/pipeline'

export type StageName = 'load' | 'validate' | 'clean' | 'features' | 'train' | 'evaluate' | 'register' | 'promote'

/** The eight stages, in the order they run. */
export const STAGE_NAMES: readonly StageName[] = ['load', 'validate', 'clean', 'features', 'train', 'evaluate', 'register', 'promote']

export interface PromotionRule {
  /** A held-out metric key of the task ('auc', 'accuracy', 'rmse', …). */
  metric: string
  /** The challenger must beat Production by at least this (in the metric's better direction). */
  minGain: number
  /** The challenger bundle's golden cases must reproduce (Predictor.fromBundle). */
  requireGolden: boolean
}

export interface PipelineSpec {
  format: typeof PIPELINE_FORMAT
  version: 1
  name: string
  source: { kind: 'file'; name: string; fingerprint: string } | { kind: 'url'; url: string }
  recipe: CleaningRecipe | null
  target: string
  task: Task
  features: string[]
  pipeline: PipelineConfig
  model: { family: string; params: Record<string, unknown>; search?: { space: SearchSpace; strategy: 'grid' | 'random'; trials?: number } }
  validation: { testShare: number; seed: number; folds?: number }
  registry: { modelName: string }
  promotion: PromotionRule
  createdAt: string
}

export type StageStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped'

export interface StageRecord {
  stage: StageName
  status: StageStatus
  startedAt: string | null
  durationMs: number | null
  rowsIn: number | null
  rowsOut: number | null
  /** Plain sentences (userMessage for errors). */
  messages: string[]
  error: { code: string; message: string } | null
}

export interface PromotionDecision {
  promoted: boolean
  metric: string
  challenger: { version: number; value: number }
  /** null: no Production version yet → promoted when golden passes. */
  champion: { version: number; value: number } | null
  gain: number | null
  minGain: number
  goldenPassed: boolean
  /** Goes verbatim into the registry history: "promoted: AUC 0.951 vs 0.944, +0.007 ≥ 0.005" / "kept version 3: AUC 0.940 vs 0.944, −0.004 < 0.005". */
  comment: string
}

export interface PipelineRunRecord {
  id: string
  pipelineName: string
  startedAt: string
  finishedAt: string
  data: { name: string; fingerprint: string; rows: number | null }
  /** Always all eight, in order. */
  stages: StageRecord[]
  outcome: 'promoted' | 'kept' | 'failed'
  decision: PromotionDecision | null
  registered: { name: string; version: number } | null
}

/** What the runner needs from a registry: the page implements it over IndexedDB (storage), the CLI over a registry directory. */
export interface RegistryPort {
  /** The Production version's bundle JSON, or null when the model has none (or does not exist). */
  production(name: string): Promise<{ version: number; bundle: unknown } | null>
  /** Adds the bundle as a new version (created in stage None, then moved to Staging by the runner via transition). Creates the model if needed. */
  register(name: string, bundle: unknown, comment: string): Promise<{ version: number }>
  transition(name: string, version: number, to: Stage, comment: string, archiveExisting: boolean): Promise<void>
}
