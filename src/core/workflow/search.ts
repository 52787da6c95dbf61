import { crossValidate } from '../eval/cross-validate'
import { toMaximise } from '../eval/metric-direction'
import { metricLabel } from './decide'
import { gridCandidates, keepValid, randomCandidates, type Candidate } from '../eval/search-space'
import { StudioError, throwIfAborted } from '../errors'
import { familyInfo } from '../model/registry'
import type { Table } from '../types'
import type { PipelineSpec } from './types'

/** Folds when the spec's validation names none. */
const DEFAULT_FOLDS = 5
/** Random search draws when the spec names no trial count. */
const DEFAULT_TRIALS = 8

/**
 * A pipeline's parameter search, built only from core's search pieces
 * (candidates from the space, keepValid against the estimator, crossValidate
 * with the same locked test split runTraining holds out, so the test rows
 * that judge champion and challenger never choose parameters). The best
 * candidate is the highest mean of the promotion metric over folds (lowest
 * for RMSE and the like); ties keep the earlier candidate.
 *
 * TODO(issue 12 §1): use core/experiment's runner once it lands, so the
 * best-trial rule is the page's and the CLI's.
 */
export async function searchParams(
  cleaned: Table,
  spec: PipelineSpec,
  base: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<{ params: Record<string, unknown>; summary: string }> {
  const search = spec.model.search
  if (!search) return { params: base, summary: '' }
  const family = familyInfo(spec.model.family)
  const drawn = search.strategy === 'grid' ? gridCandidates(search.space) : randomCandidates(search.space, search.trials ?? DEFAULT_TRIALS, spec.validation.seed)
  const candidates = keepValid(
    drawn.map((c): Candidate => ({ ...base, ...c })),
    (c) => family.create(c),
  )
  const metric = spec.promotion.metric
  const k = spec.validation.folds ?? DEFAULT_FOLDS
  const scheme = spec.task === 'regression' ? { kind: 'kfold' as const, k, seed: spec.validation.seed } : { kind: 'stratified' as const, k, seed: spec.validation.seed }
  let best: { params: Candidate; score: number; mean: number } | null = null
  for (const params of candidates) {
    throwIfAborted(signal)
    const cv = await crossValidate(
      cleaned,
      { target: spec.target, task: spec.task, features: spec.features, family: family.id, params, pipeline: spec.pipeline, seed: spec.validation.seed, scheme, testShare: spec.validation.testShare },
      { signal },
    )
    const mean = cv.summary[metric]?.mean ?? null
    const score = toMaximise(metric, mean)
    if (score !== null && mean !== null && (best === null || score > best.score)) best = { params, score, mean }
  }
  if (!best) throw new StudioError('pipeline-search-undefined', `train: ${metricLabel(metric)} was undefined in every fold of every candidate; choose another metric`)
  const varied = Object.keys(search.space).map((name) => `${name} = ${formatParam(best.params[name])}`).join(', ')
  return { params: best.params, summary: `Searched ${candidates.length} parameter sets by ${k}-fold cross-validation; best ${metricLabel(metric)} ${best.mean.toFixed(4)} with ${varied}.` }
}

function formatParam(value: unknown): string {
  return typeof value === 'number' && !Number.isInteger(value) ? String(Number(value.toPrecision(4))) : JSON.stringify(value)
}
