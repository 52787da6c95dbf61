/**
 * The headless CLIs (`npm run train`, `npm run predict`): mostly run
 * in-process through their main functions with captured output, and twice as
 * real child processes to check what a shell sees (exit codes, a clean stdout,
 * one-line errors without stack traces).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseBundle } from '../../../src/core/bundle/bundle'
import { parseCsv } from '../../../src/core/table/read/csv'
import type { NumericColumn, Table } from '../../../src/core/types'
import { availableModels, CLI_MODELS } from '../../../src/node/cli/model-names'
import { predictMain } from '../../../src/node/cli/predict'
import type { CliIO } from '../../../src/node/cli/run-cli'
import { trainMain, type TrainSummary } from '../../../src/node/cli/train'

const root = new URL('../../../', import.meta.url).pathname
const sample = (name: string): string => join(root, 'sample-data', name)
const work = mkdtempSync(join(tmpdir(), 'studio-cli-'))
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

function readCsvText(text: string): Table {
  return parseCsv(text, 'predictions.csv').table
}

function numbers(table: Table, name: string): Float64Array {
  const column = table.columns.find((c) => c.name === name)
  if (!column || column.type !== 'number') throw new Error(`no numeric column ${name}`)
  return (column as NumericColumn).values
}

/** Largest |Σ proba_* − 1| over the rows of a predictions table. */
function worstProbabilitySum(table: Table): number {
  const proba = table.columns.filter((c) => c.name.startsWith('proba_')).map((c) => (c as NumericColumn).values)
  let worst = 0
  for (let i = 0; i < table.rowCount; i++) worst = Math.max(worst, Math.abs(proba.reduce((s, col) => s + col[i], 0) - 1))
  return worst
}

const parkinsonsBundle = join(work, 'parkinsons.json')
const csvRun = await run(trainMain, ['--data', sample('parkinsons.csv'), '--target', 'Diagnosis', '--model', 'logreg', '--out', parkinsonsBundle])
const csvSummary = JSON.parse(csvRun.stdout) as TrainSummary

describe('npm run train', () => {
  it('prints one JSON summary with held-out metrics for logistic regression on the Parkinson sample', () => {
    expect(csvRun.code).toBe(0)
    expect(csvRun.stdout.trim().split('\n')).toHaveLength(1)
    expect(Object.keys(csvSummary)).toEqual(['model', 'task', 'rows', 'features', 'fitSeconds', 'metrics'])
    expect(csvSummary).toMatchObject({ model: 'logreg', task: 'binary', rows: 2105 })
    expect(Object.keys(csvSummary.metrics)).toEqual(['accuracy', 'auc', 'f1', 'logLoss'])
    expect(csvSummary.metrics.auc).toBeGreaterThan(0.8)
    expect(csvSummary.metrics.accuracy).toBeGreaterThan(0.7)
    expect(csvSummary.fitSeconds).toBeGreaterThanOrEqual(0)
  })

  it('chooses features as the page does: no identifier, constant or target column', () => {
    expect(csvSummary.features).toHaveLength(32)
    expect(csvSummary.features).not.toContain('PatientID')
    expect(csvSummary.features).not.toContain('DoctorInCharge')
    expect(csvSummary.features).not.toContain('Diagnosis')
    expect(csvRun.stderr).toContain('left out PatientID (identifier), DoctorInCharge (constant)')
  })

  it('writes a valid, pretty-printed model bundle', () => {
    const text = readFileSync(parkinsonsBundle, 'utf8')
    expect(text).toContain('\n  "format"')
    const bundle = parseBundle(JSON.parse(text))
    expect(bundle.model.family).toBe('logistic')
    expect(bundle.target).toMatchObject({ name: 'Diagnosis', labels: ['0', '1'] })
    expect(bundle.training).toMatchObject({ seed: 42, testShare: 0.2, trainRows: 1684, testRows: 421 })
    expect(bundle.metrics.heldOut.auc).toBe(csvSummary.metrics.auc)
  })

  it('gives the same model from the Parquet copy of the same data', async () => {
    const result = await run(trainMain, ['--data', sample('parkinsons.parquet'), '--target', 'Diagnosis', '--model', 'logreg', '--out', join(work, 'parquet.json')])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout).metrics).toEqual(csvSummary.metrics)
  })

  it('honours --params, --seed and --test-size', async () => {
    const result = await run(trainMain, ['--data', sample('parkinsons.csv'), '--target', 'Diagnosis', '--model', 'logreg', '--params', '{"C": 0.01}', '--seed', '7', '--test-size', '0.3', '--out', join(work, 'c.json')])
    expect(result.code).toBe(0)
    const bundle = parseBundle(JSON.parse(readFileSync(join(work, 'c.json'), 'utf8')))
    expect(bundle.training).toMatchObject({ seed: 7, testShare: 0.3 })
    expect(bundle.training.testRows).toBeGreaterThan(600)
    expect(JSON.parse(result.stdout).metrics).not.toEqual(csvSummary.metrics)
  })

  it('trains a multiclass model on the dirty MS target (spelling variants are classes)', async () => {
    const result = await run(trainMain, ['--data', sample('ms-treatment.csv'), '--target', 'treatment_response', '--model', 'logreg', '--out', join(work, 'ms.json')])
    expect(result.code).toBe(0)
    const summary = JSON.parse(result.stdout) as TrainSummary
    expect(summary).toMatchObject({ task: 'multiclass', rows: 1500 })
    expect(summary.features).not.toContain('patient_id')
    expect(summary.metrics.accuracy).toBeGreaterThan(0.5)
    // Progress goes to stderr, one line per tenth at most, never to stdout.
    expect(result.stderr).toMatch(/train: \d0% \(iteration \d+\/\d+/)
  })
})

describe('npm run train: regression', () => {
  const regression = availableModels().find((name) => name === 'linreg')
  it.skipIf(regression === undefined)('reports rmse, mae and r2, and predict writes one value per row', async () => {
    const bundle = join(work, 'updrs.json')
    const result = await run(trainMain, ['--data', sample('parkinsons.parquet'), '--target', 'UPDRS', '--model', 'linreg', '--out', bundle])
    expect(result.stderr).toContain('target "UPDRS" (regression)')
    expect(result.code).toBe(0)
    const summary = JSON.parse(result.stdout) as TrainSummary
    expect(summary.task).toBe('regression')
    expect(Object.keys(summary.metrics)).toEqual(['rmse', 'mae', 'r2'])
    const predicted = await run(predictMain, ['--model', bundle, '--data', sample('parkinsons.csv')])
    const table = readCsvText(predicted.stdout)
    expect(table.columns.map((c) => c.name)).toEqual(['PatientID', 'prediction'])
    expect(table.rowCount).toBe(2105)
  })
})

describe('npm run train: errors', () => {
  const base = ['--data', sample('parkinsons.csv'), '--model', 'logreg', '--out', join(work, 'x.json')]

  it('names an unknown target column and suggests close matches', async () => {
    const result = await run(trainMain, [...base, '--target', 'diagnosys'])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('no column "diagnosys" in "parkinsons.csv"; did you mean "Diagnosis"?')
  })

  it('refuses bad --params JSON and unknown parameters', async () => {
    const bad = await run(trainMain, [...base, '--target', 'Diagnosis', '--params', '{C: 1}'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^train: --params is not valid JSON/)
    const unknown = await run(trainMain, [...base, '--target', 'Diagnosis', '--params', '{"depth": 3}'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('unknown parameter "depth"')
  })

  it('says when a family cannot do the task', async () => {
    const result = await run(trainMain, [...base, '--target', 'Diagnosis', '--task', 'regression'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('model "logreg" (Logistic regression) cannot do regression')
  })

  it('lists the available models for an unknown model or one not built yet', async () => {
    const unknown = await run(trainMain, [...base.slice(0, 2), '--model', 'svm', '--target', 'Diagnosis', '--out', join(work, 'x.json')])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown model "svm"; expected one of logreg, linreg, tree, forest, gbdt, mlp')
    const missing = Object.keys(CLI_MODELS).find((name) => !availableModels().includes(name))
    if (missing === undefined) return // every family has landed; nothing left to refuse
    const result = await run(trainMain, [...base.slice(0, 2), '--model', missing, '--target', 'Diagnosis', '--out', join(work, 'x.json')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`model "${missing}" is not available in this build yet; available: ${availableModels().join(', ')}`)
  })

  it('names a missing data file and refuses bad options', async () => {
    const missing = await run(trainMain, ['--data', join(work, 'nope.csv'), '--target', 'y', '--model', 'logreg', '--out', join(work, 'x.json')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('nope.csv": no such file or directory')
    expect((await run(trainMain, [...base, '--target', 'Diagnosis', '--test-size', '1.5'])).code).toBe(2)
    expect((await run(trainMain, [...base, '--target', 'Diagnosis', '--bogus'])).stderr).toContain("Unknown option '--bogus'")
    expect((await run(trainMain, ['--data', sample('parkinsons.csv')])).stderr).toContain('--target is required')
  })
})

describe('npm run predict', () => {
  it('writes one row per input row with the identifier first and probabilities summing to 1', async () => {
    const out = join(work, 'predictions.csv')
    const result = await run(predictMain, ['--model', parkinsonsBundle, '--data', sample('parkinsons.parquet'), '--out', out])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('')
    const table = readCsvText(readFileSync(out, 'utf8'))
    expect(table.rowCount).toBe(2105)
    expect(table.columns.map((c) => c.name)).toEqual(['PatientID', 'prediction', 'proba_0', 'proba_1'])
    expect(numbers(table, 'PatientID')[0]).toBe(3058)
    expect(worstProbabilitySum(table)).toBeLessThan(1e-9)
    // The predicted label is the more probable class.
    const p1 = numbers(table, 'proba_1')
    const label = numbers(table, 'prediction')
    for (let i = 0; i < table.rowCount; i++) expect(label[i]).toBe(p1[i] > 0.5 ? 1 : 0)
  })

  it('writes CSV to stdout without --out, one probability column per class', async () => {
    const result = await run(predictMain, ['--model', join(work, 'ms.json'), '--data', sample('ms-treatment.csv')])
    expect(result.code).toBe(0)
    const table = readCsvText(result.stdout)
    expect(table.rowCount).toBe(1500)
    const bundle = parseBundle(JSON.parse(readFileSync(join(work, 'ms.json'), 'utf8')))
    expect(table.columns.map((c) => c.name)).toEqual(['patient_id', 'prediction', ...bundle.target.labels.map((l) => `proba_${l}`)])
    expect(worstProbabilitySum(table)).toBeLessThan(1e-9)
  })

  it('keeps the identifier of a few rows too (too few for kind inference)', async () => {
    const lines = readFileSync(sample('ms-treatment.csv'), 'utf8').split('\n').slice(0, 4)
    writeFileSync(join(work, 'three.csv'), lines.join('\n') + '\n')
    const result = await run(predictMain, ['--model', join(work, 'ms.json'), '--data', join(work, 'three.csv')])
    expect(result.code).toBe(0)
    expect(result.stdout.split('\n').slice(0, 2).map((l) => l.split(',')[0])).toEqual(['patient_id', 'MS-00001'])
  })

  it('names a column the model needs that the input lacks', async () => {
    const text = readFileSync(sample('parkinsons.csv'), 'utf8')
    const withoutMoca = text
      .split('\n')
      .map((line) => line.split(',').filter((_, j) => j !== 24).join(','))
      .join('\n')
    expect(text.split('\n')[0].split(',')[24]).toBe('MoCA')
    writeFileSync(join(work, 'no-moca.csv'), withoutMoca)
    const result = await run(predictMain, ['--model', parkinsonsBundle, '--data', join(work, 'no-moca.csv')])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('lacks the column(s) the model needs: MoCA')
  })

  it('names a numeric column that holds text', async () => {
    const lines = readFileSync(sample('parkinsons.csv'), 'utf8').split('\n')
    lines[1] = lines[1].replace(/^(\d+),64,/, '$1,sixty-four,')
    writeFileSync(join(work, 'text-age.csv'), lines.join('\n'))
    const result = await run(predictMain, ['--model', parkinsonsBundle, '--data', join(work, 'text-age.csv')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('column "Age" must hold numbers, but row 1 of "text-age.csv" holds "sixty-four"')
  })

  it('names a model file that is not a bundle', async () => {
    writeFileSync(join(work, 'not-a-bundle.json'), '{"hello": 1}')
    const result = await run(predictMain, ['--model', join(work, 'not-a-bundle.json'), '--data', sample('parkinsons.csv')])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('bundle: format is missing')
  })
})

describe('the CLIs as child processes', () => {
  const tsx = join(root, 'node_modules/.bin/tsx')
  const spawn = (script: string, args: string[]) => spawnSync(tsx, [join(root, 'src/node/cli', script), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, STUDIO_DEBUG: '' } })

  it('train: exit 0 and exactly one JSON line on stdout', () => {
    const child = spawn('train.ts', ['--data', sample('parkinsons.csv'), '--target', 'Diagnosis', '--model', 'logreg', '--out', join(work, 'child.json')])
    expect(child.status).toBe(0)
    expect(child.stdout.trim().split('\n')).toHaveLength(1)
    expect(JSON.parse(child.stdout).metrics).toEqual(csvSummary.metrics)
  })

  it('predict: a schema error is one line on stderr with a non-zero exit and no stack trace', () => {
    const child = spawn('predict.ts', ['--model', parkinsonsBundle, '--data', sample('ms-treatment.csv')])
    expect(child.status).toBe(1)
    expect(child.stdout).toBe('')
    const lines = child.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^predict: input: "ms-treatment.csv" lacks the column\(s\) the model needs: Age, /)
    expect(child.stderr).not.toMatch(/\n\s+at /)
  })
})
