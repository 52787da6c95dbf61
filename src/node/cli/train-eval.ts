/**
 * The cross-validation part of `train`: core's runner checks the folds before
 * any fit, then cross-validates the given parameters or searches for better
 * ones; this file logs it. train.ts refits the chosen parameters afterwards.
 */
import type { CrossValidationResult } from '../../core/eval/cross-validate'
import type { Candidate } from '../../core/eval/search-space'
import type { MetricSummary } from '../../core/eval/summary'
import { newTrials, runTrials, trialMethod, type BaseRequest, type ExperimentExecutor, type SearchPlan, type Trial } from '../../core/experiment'
import type { FamilyInfo } from '../../core/model/registry'
import type { PipelineConfig } from '../../core/pipeline/config'
import type { Table, Task } from '../../core/types'
import { describeScore, meanStd, reportedMetricNames, type MeanStd } from './cv-report'
import type { EvalOptions } from './eval-options'
import { cliFoldScheme } from './folds-plan'
import { CliError, type CliIO } from './run-cli'

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

/** The "cv" and "search" parts of train's summary, the parameters to refit and the summary the bundle records. */
export interface TrainEvaluation {
  params: Record<string, unknown>
  cv: { folds: number; metrics: Record<string, MeanStd> }
  search: { trials: number; best: { params: Candidate; score: number | null } } | null
  /** The chosen parameters' cross-validation, every metric. */
  summary: Record<string, MetricSummary>
}

/**
 * Cross-validates `spec` with k = evaluation.folds (required) on the rows
 * outside the locked test split (the split runTraining holds out, by the same
 * seed), searching when `plan` is given. `metric` has been checked against
 * the task. Bad folds fail in the runner's preflight, before the first fit.
 */
export async function evaluateForTraining(
  table: Table,
  executor: ExperimentExecutor,
  spec: TrainSpec,
  evaluation: EvalOptions & { folds: number },
  metric: string,
  plan: SearchPlan | null,
  io: CliIO,
): Promise<TrainEvaluation> {
  const scheme = cliFoldScheme(table, { k: evaluation.folds, group: evaluation.group, target: spec.target, task: spec.task, seed: spec.seed })
  const base: BaseRequest = { target: spec.target, task: spec.task, features: spec.features, pipeline: spec.pipeline, seed: spec.seed, scheme, testShare: spec.testShare }
  const search = evaluation.search
  const schemeText = scheme.kind === 'group' ? `group folds by "${scheme.column}"` : `${scheme.kind === 'stratified' ? 'stratified' : 'plain'} folds`
  const names = reportedMetricNames(spec.task, metric)

  if (search === null || plan === null) {
    const outcome = await runTrials(newTrials([{ family: spec.family.id, params: spec.params }]), {
      executor,
      base,
      metric,
      method: 'all',
      onReady: () => io.stderr(`train: cross-validating ${spec.family.label} with ${scheme.k} ${schemeText}…\n`),
      onProgress: (_id, p) => {
        if (p.inner === null) io.stderr(`train: fold ${p.fold}/${p.folds}…\n`)
      },
    })
    const result = requireResult(outcome.results.get(1), outcome.firstError)
    io.stderr(`train: cross-validation ${describeScore(metric, result.summary)}\n`)
    return { params: spec.params, cv: { folds: scheme.k, metrics: meanStd(result.summary, names) }, search: null, summary: result.summary }
  }

  const varied = Object.keys(plan.space)
  const count = plan.candidates.length
  const trials = newTrials(plan.candidates.map((params) => ({ family: spec.family.id, params })))
  const trialsById = new Map(trials.map((t) => [t.id, t]))
  const outcome = await runTrials(trials, {
    executor,
    base,
    metric,
    method: trialMethod(search.method),
    onReady: () => {
      if (plan.dropped.count > 0) io.stderr(`train: ${plan.dropped.count} combination(s) of the space are invalid for ${spec.family.label} and skipped (${plan.dropped.firstReason})\n`)
      io.stderr(`train: ${search.method} search of ${spec.family.label}: ${count} candidates × ${scheme.k} ${schemeText}, chosen by ${metric}…\n`)
    },
    onTrial: (id, change) => logTrial(io, trialsById, id, change, count, varied, metric),
  })
  if (outcome.best === null) throw new CliError(`search: every trial failed; the first: ${outcome.firstError ?? 'unknown error'}`)
  const best = outcome.trials[outcome.best - 1]
  const summary = requireResult(outcome.results.get(best.id), outcome.firstError).summary
  io.stderr(`train: best ${JSON.stringify(pick(best.params, varied))}: ${describeScore(metric, summary)}\n`)
  return {
    params: best.params,
    cv: { folds: scheme.k, metrics: meanStd(summary, names) },
    search: { trials: count, best: { params: best.params, score: summary[metric]?.mean ?? null } },
    summary,
  }
}

/** One line per finished or failed trial: "train: trial 2/4 on 33% of rows {…}: auc 0.91 ± 0.01". */
function logTrial(io: CliIO, trials: Map<number, Trial>, id: number, change: Partial<Trial>, count: number, varied: string[], metric: string): void {
  if (change.status !== 'done' && change.status !== 'failed') return
  const trial = trials.get(id)
  if (!trial) return
  const where = trial.share < 1 ? ` on ${Math.round(trial.share * 100)}% of rows` : ''
  if (change.status === 'failed') io.stderr(`train: trial ${id}/${count}${where} failed: ${trial.error}\n`)
  else io.stderr(`train: trial ${id}/${count}${where} ${JSON.stringify(pick(trial.params, varied))}: ${describeScore(metric, trial.summary ?? {})}\n`)
}

function requireResult(result: CrossValidationResult | undefined, firstError: string | null): CrossValidationResult {
  if (!result) throw new CliError(firstError ?? 'cross-validation failed')
  return result
}

/** The searched parameters of a candidate, for a short log line. */
function pick(candidate: Candidate, names: string[]): Candidate {
  return Object.fromEntries(names.map((name) => [name, candidate[name]]))
}
