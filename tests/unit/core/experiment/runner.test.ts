/**
 * Core's experiment runner: the same trials, best choice and refitted model
 * whichever executor runs the work (in-process one after another, or
 * concurrently with results arriving out of order, as the page's worker pool
 * delivers them), and the rules it applies once for the page and the CLI.
 */
import { describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import { crossValidate } from '../../../../src/core/eval/cross-validate'
import { CancelledError } from '../../../../src/core/errors'
import {
  baseParams,
  bestTrial,
  foldScheme,
  inProcessExecutor,
  newTrials,
  planSearch,
  preflightFolds,
  runTrials,
  schemeSettingsProblem,
  trainingRequest,
  type BaseRequest,
  type ExperimentExecutor,
  type ExperimentTask,
  type TaskHooks,
  type TaskResult,
} from '../../../../src/core/experiment'
import { familyInfo } from '../../../../src/core/model/registry'
import { DEFAULT_PIPELINE_CONFIG } from '../../../../src/core/pipeline/config'
import { runTraining } from '../../../../src/core/train/run-training'
import type { Table } from '../../../../src/core/types'
import { MS_FEATURES, msSample } from '../bundle/helpers'

/**
 * Runs every task at once after a scripted delay, so later trials finish
 * first, on structured clones of the table (as a worker receives it).
 */
function concurrentExecutor(tables: { cleaned: Table; raw: Table }, delays: number[]): ExperimentExecutor & { tasks: ExperimentTask['kind'][] } {
  let n = 0
  const tasks: ExperimentTask['kind'][] = []
  const runOne = async (task: ExperimentTask, hooks: TaskHooks<ExperimentTask>): Promise<unknown> => {
    tasks.push(task.kind)
    await new Promise((resolve) => setTimeout(resolve, delays[n++ % delays.length]))
    if (hooks.signal?.aborted) throw new CancelledError()
    hooks.onStart?.()
    const onProgress = hooks.onProgress as ((p: any) => void) | undefined
    if (task.kind === 'preflight') return preflightFolds(structuredClone(tables.cleaned), task.request, task.shares)
    if (task.kind === 'cv') return crossValidate(structuredClone(tables.cleaned), task.request, { onProgress })
    return runTraining(structuredClone(task.request.recipe ? tables.raw : tables.cleaned), task.request, { dataset: task.dataset, onProgress })
  }
  return {
    tasks,
    run<T extends ExperimentTask>(task: T, hooks: TaskHooks<T> = {}) {
      return runOne(task, hooks as TaskHooks<ExperimentTask>) as Promise<TaskResult<T>>
    },
  }
}

async function msTables(): Promise<{ raw: Table; cleaned: Table; recipe: Awaited<ReturnType<typeof msSample>>['recipe'] }> {
  const { table: raw, recipe } = await msSample()
  const cleaned = { ...(await applyRecipe(raw, recipe, { textEngine: 'core' })).table, name: raw.name }
  return { raw, cleaned, recipe }
}

const settings = { kind: 'stratified' as const, k: 3, repeats: 1, groupColumn: null }

function base(seed = 42): BaseRequest {
  return { target: 'treatment_response', task: 'binary', features: MS_FEATURES, pipeline: DEFAULT_PIPELINE_CONFIG, seed, scheme: foldScheme(settings, 'binary', seed), testShare: 0.2 }
}

/** A whole search and its refit through `executor`: what the page and the CLI each do. */
async function searchAndRefit(executor: ExperimentExecutor, recipe: Awaited<ReturnType<typeof msTables>>['recipe']) {
  const tree = familyInfo('tree')
  const plan = planSearch(tree, baseParams(tree), { method: 'random', trials: 5, space: null }, 42)
  const outcome = await runTrials(newTrials(plan.candidates.map((params) => ({ family: 'tree', params }))), { executor, base: base(), metric: 'auc', method: 'all' })
  const best = outcome.trials[outcome.best! - 1]
  const request = trainingRequest({ ...base(), pipeline: DEFAULT_PIPELINE_CONFIG, family: 'tree', params: best.params, recipe, cvSummary: best.summary! })
  const trained = await executor.run({ kind: 'train', request, dataset: { name: 'ms-treatment.csv', fingerprint: 'f' } })
  return { outcome, bundle: trained.bundle }
}

/** Drops what differs between two runs of the same work: times. */
function timeless(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'createdAt' || key === 'durationMs' || key === 'fitSeconds' || key === 'fitMs' ? undefined : v)))
}

describe('the experiment runner', () => {
  it('gives the same trials, best trial and refitted bundle with an in-process and a concurrent, out-of-order executor', async () => {
    const { raw, cleaned, recipe } = await msTables()
    const serial = await searchAndRefit(inProcessExecutor({ cleaned, raw }), recipe)
    const concurrent = concurrentExecutor({ cleaned, raw }, [0, 40, 30, 20, 10, 0, 0])
    const parallel = await searchAndRefit(concurrent, recipe)
    expect(concurrent.tasks).toEqual(['preflight', 'cv', 'cv', 'cv', 'cv', 'cv', 'train'])
    expect(parallel.outcome.best).toBe(serial.outcome.best)
    expect(timeless(parallel.outcome.trials)).toEqual(timeless(serial.outcome.trials))
    expect(parallel.outcome.trials.every((t) => t.status === 'done')).toBe(true)
    expect(JSON.stringify(timeless(parallel.bundle))).toBe(JSON.stringify(timeless(serial.bundle)))
    // The refit records every cross-validated metric of the chosen trial.
    expect(Object.keys(serial.bundle.metrics.crossValidated ?? {})).toEqual(Object.keys(serial.outcome.trials[serial.outcome.best! - 1].summary!))
  })

  it('checks the folds before any cross-validation: a bad scheme runs nothing', async () => {
    const { raw, cleaned } = await msTables()
    const executor = concurrentExecutor({ cleaned, raw }, [0])
    const request = { ...base(), scheme: foldScheme({ kind: 'group', k: 10, repeats: 1, groupColumn: 'gender' }, 'binary', 42) }
    await expect(runTrials(newTrials([{ family: 'logistic', params: {} }]), { executor, base: request, metric: 'auc', method: 'all' })).rejects.toThrow(/k = 10 is larger than the number of groups/)
    expect(executor.tasks).toEqual(['preflight'])
  })

  it('records failures and cancellations per trial; the run goes on', async () => {
    const { raw, cleaned } = await msTables()
    const controller = new AbortController()
    const trials = newTrials([
      { family: 'logistic', params: baseParams(familyInfo('logistic')) },
      { family: 'linreg', params: {} },
      { family: 'tree', params: baseParams(familyInfo('tree')) },
    ])
    const outcome = await runTrials(trials, {
      executor: inProcessExecutor({ cleaned, raw }),
      base: base(),
      metric: 'auc',
      method: 'all',
      signal: controller.signal,
      onTrial: (id, patch) => {
        if (id === 2 && patch.status === 'failed') controller.abort()
      },
    })
    expect(outcome.trials.map((t) => t.status)).toEqual(['done', 'failed', 'cancelled'])
    expect(outcome.firstError).toMatch(/Linear regression does not do classification/)
    expect(outcome.best).toBe(1)
  })
})

describe('the best-trial rule', () => {
  const s = (mean: number | null) => ({ auc: { mean, std: 0, defined: 1, folds: 1 }, rmse: { mean, std: 0, defined: 1, folds: 1 } })
  it('takes the highest mean, or the lowest where lower is better; unscored trials never win', () => {
    const trials = [
      { id: 1, summary: s(0.7) },
      { id: 2, summary: s(null) },
      { id: 3, summary: s(0.9) },
      { id: 4, summary: null },
    ]
    expect(bestTrial(trials, 'auc')).toBe(3)
    expect(bestTrial(trials, 'rmse')).toBe(1)
    expect(bestTrial([{ id: 1, summary: null }], 'auc')).toBeNull()
  })

  it('breaks ties by the earlier trial, whatever order the trials finished in', () => {
    expect(bestTrial([{ id: 3, summary: s(0.8) }, { id: 2, summary: s(0.8) }, { id: 1, summary: s(0.5) }], 'auc')).toBe(2)
  })
})

describe('search planning and scheme settings', () => {
  it('draws the same candidates for the same seed on top of the base values, and names a range the estimator refuses', () => {
    const logistic = familyInfo('logistic')
    const a = planSearch(logistic, baseParams(logistic, { maxIterations: 200 }), { method: 'random', trials: 4, space: null }, 7)
    expect(planSearch(logistic, baseParams(logistic, { maxIterations: 200 }), { method: 'random', trials: 4, space: null }, 7)).toEqual(a)
    expect(a.candidates.every((c) => c.maxIterations === 200 && c.penalty === 'l2')).toBe(true)
    expect(() => planSearch(logistic, baseParams(logistic), { method: 'grid', trials: null, space: { C: { type: 'float', min: 0, max: 1 } } }, 7)).toThrow(
      'search: C range [0, 1] is outside what Logistic regression accepts',
    )
  })

  it('leaves the family seed to the run: base parameters carry no seed', () => {
    expect(baseParams(familyInfo('forest'))).not.toHaveProperty('seed')
    expect(baseParams(familyInfo('mlp'), { dropout: 0.1 })).toMatchObject({ dropout: 0.1 })
  })

  it('makes stratified folds plain for regression and refuses settings that cannot make folds', () => {
    expect(foldScheme(settings, 'regression', 1)).toEqual({ kind: 'kfold', k: 3, seed: 1 })
    expect(foldScheme({ ...settings, kind: 'repeated', repeats: 2 }, 'binary', 1)).toEqual({ kind: 'repeated', k: 3, repeats: 2, seed: 1, stratified: true })
    expect(schemeSettingsProblem({ ...settings, k: 1 }, 'y')).toBe('Folds k = 1 is invalid; choose an integer from 2 to 100.')
    expect(schemeSettingsProblem({ ...settings, kind: 'group' }, 'y')).toMatch(/Choose the group column/)
    expect(schemeSettingsProblem({ ...settings, kind: 'group', groupColumn: 'y' }, 'y')).toBe('The group column cannot be the target.')
    expect(schemeSettingsProblem(settings, 'y')).toBeNull()
  })
})
