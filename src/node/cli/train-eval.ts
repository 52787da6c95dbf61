/**
 * The cross-validation part of `train`: checks the folds before any fit,
 * then cross-validates the given parameters or searches for better ones.
 * train.ts refits the chosen parameters on every non-test row afterwards.
 */
import type { CrossValidationRequest } from '../../core/eval/cross-validate'
import type { Candidate } from '../../core/eval/search-space'
import type { FamilyInfo } from '../../core/model/registry'
import type { PipelineConfig } from '../../core/pipeline/config'
import type { Table, Task } from '../../core/types'
import { describeScore, meanStd, reportedMetricNames, type MeanStd } from './cv-report'
import { crossValidateLogged } from './cv-run'
import type { EvalOptions } from './eval-options'
import { foldScheme, preflightFolds } from './folds-plan'
import { halvingShares, runSearch } from './search'
import type { SearchPlan } from './search-candidates'
import type { CliIO } from './run-cli'

/** What a training run is, before the evaluation options: the same fields runTraining takes. */
export interface TrainSpec {
  target: string
  task: Task
  features: string[]
  family: FamilyInfo
  params: Record<string, unknown>
  pipeline: PipelineConfig
  seed: number
  testShare: number
}

/** The "cv" and "search" parts of train's summary, and the parameters to refit. */
export interface TrainEvaluation {
  params: Record<string, unknown>
  cv: { folds: number; metrics: Record<string, MeanStd> }
  search: { trials: number; best: { params: Candidate; score: number | null } } | null
}

/**
 * Cross-validates `spec` with k = evaluation.folds (required) on the rows
 * outside the locked test split (the split runTraining holds out, by the same
 * seed), searching when `plan` is given. `metric` has been checked against
 * the task. Bad folds fail in preflightFolds, before the first fit.
 */
export async function evaluateForTraining(table: Table, spec: TrainSpec, evaluation: EvalOptions & { folds: number }, metric: string, plan: SearchPlan | null, io: CliIO): Promise<TrainEvaluation> {
  const scheme = foldScheme(table, { k: evaluation.folds, group: evaluation.group, target: spec.target, task: spec.task, seed: spec.seed })
  const request: CrossValidationRequest = { ...spec, family: spec.family.id, scheme, testShare: spec.testShare }
  const search = evaluation.search
  const shares = search?.method === 'halving' && plan ? await halvingShares(plan.candidates.length) : [1]
  await preflightFolds(table, request, shares)
  const schemeText = scheme.kind === 'group' ? `group folds by "${scheme.column}"` : `${scheme.kind === 'stratified' ? 'stratified' : 'plain'} folds`
  const names = reportedMetricNames(spec.task, metric)

  if (search === null || plan === null) {
    io.stderr(`train: cross-validating ${spec.family.label} with ${scheme.k} ${schemeText}…\n`)
    const result = await crossValidateLogged(table, request, io, { command: 'train', foldLines: true })
    io.stderr(`train: cross-validation ${describeScore(metric, result.summary)}\n`)
    return { params: spec.params, cv: { folds: scheme.k, metrics: meanStd(result.summary, names) }, search: null }
  }

  if (plan.dropped.count > 0) io.stderr(`train: ${plan.dropped.count} combination(s) of the space are invalid for ${spec.family.label} and skipped (${plan.dropped.firstReason})\n`)
  io.stderr(`train: ${search.method} search of ${spec.family.label}: ${plan.candidates.length} candidates × ${scheme.k} ${schemeText}, chosen by ${metric}…\n`)
  const varied = Object.keys(plan.space)
  const found = await runSearch(table, request, { candidates: plan.candidates, varied, method: search.method, metric }, io)
  const bestShown = Object.fromEntries(varied.map((name) => [name, found.bestParams[name]]))
  io.stderr(`train: best ${JSON.stringify(bestShown)}: ${describeScore(metric, found.summary)}\n`)
  return {
    params: found.bestParams,
    cv: { folds: scheme.k, metrics: meanStd(found.summary, names) },
    search: { trials: found.trials, best: { params: found.bestParams, score: found.score } },
  }
}
