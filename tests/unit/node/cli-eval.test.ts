/**
 * Cross-validation, search and the headless leaderboard of the CLIs
 * (`npm run train -- --folds/--search`, `npm run compare`), run in-process
 * through their main functions. Folds, trials and boosting rounds are kept
 * small so the file stays quick; bad input must fail before any fit.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseBundle } from '../../../src/core/bundle/bundle'
import { FAMILIES } from '../../../src/core/model/registry'
import { compareMain, type CompareEntry } from '../../../src/node/cli/compare'
import { rankByMetric } from '../../../src/node/cli/cv-report'
import { cliModelName } from '../../../src/node/cli/model-names'
import type { CliIO } from '../../../src/node/cli/run-cli'
import { trainMain, type TrainSummary } from '../../../src/node/cli/train'

const root = new URL('../../../', import.meta.url).pathname
const parkinsons = join(root, 'sample-data', 'parkinsons.csv')
const work = mkdtempSync(join(tmpdir(), 'studio-cli-eval-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs a main function in-process with captured stdout and stderr. */
async function run(main: (argv: string[], io: CliIO) => Promise<number>, argv: string[]): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}

/** `train` on the Parkinson sample with logistic regression, plus `extra` options. */
function train(extra: string[], out = join(work, 'model.json'), model = 'logreg'): Promise<Run> {
  return run(trainMain, ['--data', parkinsons, '--target', 'Diagnosis', '--model', model, '--out', out, ...extra])
}

/** The summary with its only time-dependent field removed. */
function withoutTime(stdout: string): Omit<TrainSummary, 'fitSeconds'> {
  const { fitSeconds: _, ...rest } = JSON.parse(stdout) as TrainSummary
  return rest
}

/** Scores of the search's trial lines on stderr ("train: trial 2/4 {…}: logLoss 0.4448 ± 0.0049"). */
function trialScores(stderr: string, metric: string): number[] {
  return [...stderr.matchAll(new RegExp(`^train: trial \\d+/\\d+ .*: ${metric} ([\\d.]+) ±`, 'gm'))].map((m) => Number(m[1]))
}

describe('npm run train --folds', () => {
  it('cross-validates with k stratified folds and keeps the held-out metrics of the plain run', async () => {
    const plain = await train([], join(work, 'plain.json'))
    const result = await train(['--folds', '5'], join(work, 'cv.json'))
    expect(result.code).toBe(0)
    expect(result.stdout.trim().split('\n')).toHaveLength(1)
    const summary = JSON.parse(result.stdout) as TrainSummary
    expect(Object.keys(summary)).toEqual(['model', 'task', 'rows', 'features', 'fitSeconds', 'metrics', 'cv'])
    expect(summary.cv?.folds).toBe(5)
    // The chosen metric (AUC by default) comes first, then the usual ones.
    expect(Object.keys(summary.cv!.metrics)).toEqual(['auc', 'accuracy', 'f1', 'logLoss'])
    expect(summary.cv!.metrics.auc.mean).toBeGreaterThan(0.8)
    expect(summary.cv!.metrics.auc.std).toBeGreaterThan(0)
    expect(result.stderr.match(/^train: fold \d\/5…$/gm)).toHaveLength(5)
    // Same parameters, same seed, same locked test split: the final model is scored exactly as without --folds.
    expect(summary.metrics).toEqual(JSON.parse(plain.stdout).metrics)
    expect(parseBundle(JSON.parse(readFileSync(join(work, 'cv.json'), 'utf8'))).training).toMatchObject({ trainRows: 1684, testRows: 421 })
  })

  it('uses plain k-fold and RMSE for a regression target', async () => {
    const result = await run(trainMain, ['--data', parkinsons, '--target', 'UPDRS', '--model', 'linreg', '--folds', '3', '--out', join(work, 'updrs.json')])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('with 3 plain folds')
    const summary = JSON.parse(result.stdout) as TrainSummary
    expect(Object.keys(summary.cv!.metrics)).toEqual(['rmse', 'mae', 'r2'])
    expect(summary.cv!.metrics.rmse.mean).toBeGreaterThan(0)
  })
})

describe('npm run train --search', () => {
  const randomArgs = ['--search', 'random', '--trials', '4', '--folds', '3']

  it('random search: n trials, best parameters inside the default space, refitted and reproducible', async () => {
    const first = await train(randomArgs, join(work, 'random.json'))
    expect(first.code).toBe(0)
    const summary = JSON.parse(first.stdout) as TrainSummary
    expect(Object.keys(summary)).toEqual(['model', 'task', 'rows', 'features', 'fitSeconds', 'metrics', 'cv', 'search'])
    expect(summary.search!.trials).toBe(4)
    const C = summary.search!.best.params.C as number
    // logistic's default space: C log-uniform in [0.001, 100]; penalty stays at its default.
    expect(C).toBeGreaterThanOrEqual(0.001)
    expect(C).toBeLessThanOrEqual(100)
    expect(summary.search!.best.params.penalty).toBe('l2')
    // The score is the chosen metric's mean over folds, and the best of the trials.
    expect(summary.search!.best.score).toBe(summary.cv!.metrics.auc.mean)
    const scores = trialScores(first.stderr, 'auc')
    expect(scores).toHaveLength(4)
    expect(summary.search!.best.score!).toBeGreaterThanOrEqual(Math.max(...scores) - 5e-4)
    // The bundle holds the best parameters.
    const bundle = parseBundle(JSON.parse(readFileSync(join(work, 'random.json'), 'utf8')))
    expect(bundle.model.params).toEqual(summary.search!.best.params)
    const again = await train(randomArgs, join(work, 'random-2.json'))
    expect(withoutTime(again.stdout)).toEqual(withoutTime(first.stdout))
  })

  it('grid search tries exactly the product of the space; other parameters keep their --params values', async () => {
    const space = { C: { type: 'float', min: 0.01, max: 1, log: true, steps: 3 }, penalty: { type: 'choice', values: ['l2', 'l1'] } }
    const result = await train(['--search', 'grid', '--space', JSON.stringify(space), '--folds', '2', '--params', '{"maxIterations": 200}'])
    expect(result.code).toBe(0)
    const summary = JSON.parse(result.stdout) as TrainSummary
    expect(summary.search!.trials).toBe(6)
    const tried = [...result.stderr.matchAll(/^train: trial \d\/6 (\{.*\}): auc/gm)].map((m) => JSON.parse(m[1]) as { C: number; penalty: string })
    expect(tried.map((t) => `${t.C.toPrecision(3)} ${t.penalty}`)).toEqual(['0.0100 l2', '0.0100 l1', '0.100 l2', '0.100 l1', '1.00 l2', '1.00 l1'])
    expect(summary.search!.best.params.maxIterations).toBe(200)
  })

  it('lower-is-better metrics choose the smallest mean (random search by log loss)', async () => {
    const result = await train([...randomArgs, '--metric', 'logLoss', '--seed', '3'])
    expect(result.code).toBe(0)
    const summary = JSON.parse(result.stdout) as TrainSummary
    expect(Object.keys(summary.cv!.metrics)[0]).toBe('logLoss')
    expect(summary.search!.best.score).toBe(summary.cv!.metrics.logLoss.mean)
    expect(summary.search!.best.score!).toBeLessThanOrEqual(Math.min(...trialScores(result.stderr, 'logLoss')) + 5e-4)
  })

  it('successive halving ends with its best candidate on all rows', async () => {
    const result = await train(['--search', 'halving', '--trials', '4', '--folds', '2', '--params', '{"nRounds": 10}'], join(work, 'halving.json'), 'gbdt')
    expect(result.code).toBe(0)
    const summary = JSON.parse(result.stdout) as TrainSummary
    expect(summary.search!.trials).toBe(4)
    expect(result.stderr).toMatch(/trial 1\/4 on 11% of rows/)
    const { learningRate, maxDepth, nRounds } = summary.search!.best.params as { learningRate: number; maxDepth: number; nRounds: number }
    expect(learningRate).toBeGreaterThanOrEqual(0.02)
    expect(learningRate).toBeLessThanOrEqual(0.3)
    expect(maxDepth).toBeGreaterThanOrEqual(2)
    expect(maxDepth).toBeLessThanOrEqual(8)
    expect(nRounds).toBe(10)
    expect(summary.search!.best.score).toBe(summary.cv!.metrics.auc.mean)
  })
})

describe('npm run train: bad evaluation input fails before any fit', () => {
  /** Runs train, expects failure with `message`, and checks that nothing was fitted or written. */
  async function fails(extra: string[], code: number, message: string, options: { data?: string; target?: string; model?: string } = {}): Promise<void> {
    const out = join(work, 'never.json')
    const args = ['--data', options.data ?? parkinsons, '--target', options.target ?? 'Diagnosis', '--model', options.model ?? 'logreg', '--out', out, ...extra]
    const result = await run(trainMain, args)
    expect(result.stderr).toContain(message)
    expect(result.code).toBe(code)
    expect(result.stdout).toBe('')
    expect(result.stderr).not.toMatch(/fold 1\/|trial 1\/|fitting/)
    expect(() => readFileSync(out)).toThrow()
  }

  it('refuses one fold and a group column with a single group', async () => {
    await fails(['--folds', '1'], 2, '--folds "1" is invalid; expected an integer in [2, 100]')
    await fails(['--folds', '5', '--group', 'DoctorInCharge'], 1, 'folds: the group column has 1 group; group k-fold needs at least 2')
    await fails(['--folds', '3', '--group', 'Gender'], 1, 'folds: k = 3 is larger than the number of groups (2)')
    await fails(['--folds', '3', '--group', 'doctor_in_charge'], 1, '--group: no column "doctor_in_charge" in "parkinsons.csv"; did you mean "DoctorInCharge"?')
    await fails(['--group', 'PatientID'], 2, '--group needs --folds <k>')
  })

  it('refuses k above the smallest class, and group folds whose training rows hold one class', async () => {
    const ms = join(root, 'sample-data', 'ms-treatment.csv')
    await fails(['--folds', '5'], 1, 'folds: k = 5 is larger than the smallest class (class "Yes" has 3 rows); use at most 3 folds', { data: ms, target: 'treatment_response' })
    // 3 folds suit all rows, but not the 11% sample of halving's first rung.
    await fails(['--folds', '3', '--search', 'halving'], 1, 'successive halving\'s rung on 11% of the rows cannot be cross-validated (folds: class "y" has only 1 row', { data: ms, target: 'treatment_response' })
    // A group column that follows the diagnosis: leaving out either group leaves one class to train on.
    const lines = readFileSync(parkinsons, 'utf8').trim().split('\n')
    const diagnosis = lines[0].split(',').indexOf('Diagnosis')
    const sites = lines.map((line, i) => `${line},${i === 0 ? 'site' : line.split(',')[diagnosis] === '1' ? 'A' : 'B'}`)
    writeFileSync(join(work, 'sites.csv'), sites.join('\n') + '\n')
    await fails(['--folds', '2', '--group', 'site'], 1, 'cross-validation: the training rows of fold 1 hold a single class', { data: join(work, 'sites.csv') })
  })

  it('refuses unknown metrics (listing the valid ones) and metrics of the other task', async () => {
    await fails(['--folds', '3', '--metric', 'AUC'], 2, '--metric "AUC" is unknown; classification metrics: auc, prAuc, accuracy')
    await fails(['--folds', '3', '--metric', 'rmse'], 2, '--metric "rmse" does not apply to binary classification; expected one of auc, prAuc,')
    await fails(['--metric', 'auc'], 2, '--metric chooses the cross-validation metric; add --folds <k> or --search')
  })

  it('refuses bad search spaces: a range outside the parameter, no valid combination, a malformed space', async () => {
    await fails(['--search', 'random', '--space', '{"C": {"type": "float", "min": 0, "max": 10}}'], 2, 'search: C range [0, 10] is outside what Logistic regression accepts (logistic regression: C = 0 is invalid')
    await fails(['--search', 'grid', '--space', '{"maxDepth": {"type": "int", "min": 0, "max": 4}}'], 2, 'search: maxDepth range [0, 4] is outside what Gradient boosting accepts', { model: 'gbdt' })
    // Each value is valid alone; together they would grow trees without limit.
    await fails(['--search', 'grid', '--space', '{"maxDepth": {"type": "choice", "values": [null]}}'], 2, 'search: no combination in the search space is valid for this model', { model: 'gbdt' })
    await fails(['--search', 'grid', '--space', '{"depth": {"type": "choice", "values": [3]}}'], 2, 'search: the space varies logistic regression: unknown parameter "depth"')
    await fails(['--search', 'random', '--space', '{"C": {"type": "float", "min": 10, "max": 1}}'], 2, '--space: C has min 10 above max 1')
    await fails(['--search', 'random', '--space', '{"C": 5}'], 2, '--space: C must be a range such as')
    await fails(['--search', 'grid', '--trials', '3'], 2, '--trials does not apply to --search grid')
    await fails(['--trials', '3'], 2, '--trials needs --search grid|random|halving')
    await fails(['--search', 'bayes'], 2, '--search "bayes" is invalid; expected grid, random, halving')
  })
})

describe('npm run compare', () => {
  it('ranks every classification family by cross-validated AUC, best first', async () => {
    const result = await run(compareMain, ['--data', parkinsons, '--target', 'Diagnosis', '--folds', '2'])
    expect(result.code).toBe(0)
    expect(result.stdout.trim().split('\n')).toHaveLength(1)
    const entries = JSON.parse(result.stdout) as CompareEntry[]
    const classifiers = Object.values(FAMILIES).filter((f) => f.tasks.includes('binary')).map((f) => cliModelName(f.id))
    expect(entries.map((e) => e.model).sort()).toEqual([...classifiers].sort())
    expect(entries.map((e) => e.model)).not.toContain('linreg')
    for (const entry of entries) {
      expect(Object.keys(entry)).toEqual(['model', 'metrics', 'fitSeconds'])
      expect(Object.keys(entry.metrics)[0]).toBe('auc')
      expect(entry.metrics.auc.mean).toBeGreaterThan(0.7)
      expect(entry.fitSeconds).toBeGreaterThanOrEqual(0)
    }
    const aucs = entries.map((e) => e.metrics.auc.mean as number)
    expect(aucs).toEqual([...aucs].sort((a, b) => b - a))
    expect(result.stderr).toContain(`${classifiers.length} models × 2 folds, ranked by auc (higher is better)`)
  })

  it('refuses bad options and bad folds before any fit', async () => {
    const base = ['--data', parkinsons, '--target', 'Diagnosis']
    const one = await run(compareMain, [...base, '--folds', '1'])
    expect(one.code).toBe(2)
    expect(one.stderr).toContain('compare: --folds "1" is invalid')
    const metric = await run(compareMain, [...base, '--metric', 'r2'])
    expect(metric.code).toBe(2)
    expect(metric.stderr).toContain('--metric "r2" does not apply to binary classification')
    const group = await run(compareMain, [...base, '--group', 'DoctorInCharge'])
    expect(group.code).toBe(1)
    expect(group.stderr).toContain('the group column has 1 group')
    expect(group.stderr).not.toMatch(/compare: 1\//)
  })
})

describe('rankByMetric', () => {
  const entries = [
    { model: 'a', value: 0.5 },
    { model: 'b', value: null },
    { model: 'c', value: 0.2 },
    { model: 'd', value: 0.9 },
  ]
  it('sorts descending for higher-is-better metrics and ascending for lower-is-better ones, unscored last', () => {
    expect(rankByMetric(entries, 'auc', (e) => e.value).map((e) => e.model)).toEqual(['d', 'a', 'c', 'b'])
    expect(rankByMetric(entries, 'rmse', (e) => e.value).map((e) => e.model)).toEqual(['c', 'a', 'd', 'b'])
    expect(rankByMetric(entries, 'logLoss', (e) => e.value).map((e) => e.model)).toEqual(['c', 'a', 'd', 'b'])
  })
})
