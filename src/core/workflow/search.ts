import { foldScheme, inProcessExecutor, newTrials, planSearch, runTrials, DEFAULT_FOLDS, DEFAULT_TRIALS } from '../experiment'
import type { MetricSummary } from '../eval/summary'
import { StudioError, throwIfAborted } from '../errors'
import { familyInfo } from '../model/registry'
import type { Table } from '../types'
import { metricLabel } from './decide'
import type { PipelineSpec } from './types'

/**
 * A pipeline's parameter search, run by core's experiment runner — the same
 * planning (space checked against the estimator, seeded draws), fold checks,
 * cross-validation and best-trial rule as the page's Evaluate page and
 * `npm run train --search` — with the locked test split runTraining holds
 * out, so the test rows that judge champion and challenger never choose
 * parameters. The best candidate has the highest mean of the promotion metric
 * over folds (lowest for RMSE and the like); ties keep the earlier candidate.
 */
export async function searchParams(
  cleaned: Table,
  spec: PipelineSpec,
  base: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<{ params: Record<string, unknown>; summary: string; cv: Record<string, MetricSummary> | null }> {
  const search = spec.model.search
  if (!search) return { params: base, summary: '', cv: null }
  const family = familyInfo(spec.model.family)
  const seed = spec.validation.seed
  const { candidates } = planSearch(family, base, { method: search.strategy, trials: search.trials ?? DEFAULT_TRIALS, space: search.space }, seed)
  const metric = spec.promotion.metric
  const k = spec.validation.folds ?? DEFAULT_FOLDS
  const scheme = foldScheme({ kind: 'stratified', k, repeats: 1, groupColumn: null }, spec.task, seed)
  const outcome = await runTrials(newTrials(candidates.map((params) => ({ family: family.id, params }))), {
    executor: inProcessExecutor({ cleaned }),
    base: { target: spec.target, task: spec.task, features: spec.features, pipeline: spec.pipeline, seed, scheme, testShare: spec.validation.testShare },
    metric,
    method: 'all',
    signal,
  })
  throwIfAborted(signal)
  const best = outcome.best === null ? null : outcome.trials[outcome.best - 1]
  const mean = best?.summary?.[metric]?.mean
  if (!best || mean === null || mean === undefined) {
    if (outcome.firstError !== null && outcome.trials.every((t) => t.status === 'failed')) throw new StudioError('pipeline-search-failed', `train: every candidate failed; the first: ${outcome.firstError}`)
    throw new StudioError('pipeline-search-undefined', `train: ${metricLabel(metric)} was undefined in every fold of every candidate; choose another metric`)
  }
  const varied = Object.keys(search.space).map((name) => `${name} = ${formatParam(best.params[name])}`).join(', ')
  return { params: best.params, cv: best.summary, summary: `Searched ${candidates.length} parameter sets by ${k}-fold cross-validation; best ${metricLabel(metric)} ${mean.toFixed(4)} with ${varied}.` }
}

function formatParam(value: unknown): string {
  return typeof value === 'number' && !Number.isInteger(value) ? String(Number(value.toPrecision(4))) : JSON.stringify(value)
}
