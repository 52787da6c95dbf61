/**
 * `npm run import -- --xgboost …` and `npm run export -- --format xgboost …`,
 * in process: an XGBoost model (tests/fixtures/xgboost) becomes a studio
 * bundle that predicts through the ordinary Predictor, and the bundle goes
 * back out as XGBoost JSON that XGBoost itself scores exactly as the original.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Predictor } from '../../../src/core/bundle/predictor'
import { readDataFile } from '../../../src/core/table/read/read-file'
import { exportMain } from '../../../src/node/cli/export'
import { importMain } from '../../../src/node/cli/import'
import type { CliIO } from '../../../src/node/cli/run-cli'

const root = new URL('../../../', import.meta.url).pathname
const fixture = (name: string): string => join(root, 'tests/fixtures/xgboost', name)
const work = mkdtempSync(join(tmpdir(), 'studio-cli-xgboost-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const PYTHON = '/usr/bin/python3'
const hasXGBoost = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import xgboost'], { stdio: 'ignore' }).status === 0

async function run(main: (argv: string[], io: CliIO) => Promise<number>, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}

describe('npm run import / export --format xgboost', () => {
  const bundlePath = join(work, 'multiclass.bundle.json')
  const exported = join(work, 'multiclass.xgb.json')

  it('imports a multiclass model with its data and target into a bundle the Predictor serves', async () => {
    const result = await run(importMain, ['--xgboost', fixture('multiclass.model.json'), '--data', fixture('multiclass.csv'), '--target', 'outcome', '--out', bundlePath])
    expect(result.stderr).toContain('import: XGBoost 1.7.4 model (multi:softprob, 45 trees, 5 features) → multiclass bundle')
    expect(result.code).toBe(0)
    const summary = JSON.parse(result.stdout) as { features: string[]; rowsScored: number; metrics: Record<string, number> }
    expect(summary.features).toEqual(['f0', 'f1', 'f2', 'f3', 'f4'])
    expect(summary.rowsScored).toBe(400)
    expect(summary.metrics.accuracy).toBeGreaterThan(0.5)
    // The served path: raw CSV rows through the bundle's Predictor give XGBoost's probabilities.
    const expected = JSON.parse(readFileSync(fixture('multiclass.expected.json'), 'utf8')) as { predictions: number[][] }
    const predictor = Predictor.fromBundle(JSON.parse(readFileSync(bundlePath, 'utf8')))
    const { table } = await readDataFile(new Uint8Array(readFileSync(fixture('multiclass.csv'))), 'multiclass.csv')
    const answers = predictor.predictTable(table).rows
    let worst = 0
    answers.forEach((answer, i) => {
      for (let k = 0; k < 3; k++) worst = Math.max(worst, Math.abs((answer?.probabilities?.[String(k)] ?? NaN) - expected.predictions[i][k]))
    })
    expect(worst).toBeLessThan(1e-6)
  })

  it('exports the bundle back as XGBoost JSON', async () => {
    const result = await run(exportMain, ['--model', bundlePath, '--format', 'xgboost', '--out', exported])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('XGBoost JSON (multi:softprob, 45 trees, 5 features')
    const model = JSON.parse(readFileSync(exported, 'utf8')) as { version: number[]; learner: { feature_names: string[] } }
    expect(model.version).toEqual([1, 7, 4])
    expect(model.learner.feature_names).toEqual(['f0', 'f1', 'f2', 'f3', 'f4'])
  })

  it.skipIf(!hasXGBoost)('XGBoost scores the round-tripped file as the original: same predictions, same SHAP values', () => {
    const script = `
import sys, numpy as np, pandas as pd, xgboost as xgb
a = xgb.Booster(); a.load_model(sys.argv[1])
b = xgb.Booster(); b.load_model(sys.argv[2])
X = pd.read_csv(sys.argv[3]).drop(columns='outcome').values
d = xgb.DMatrix(X)
print(float(np.abs(a.predict(d) - b.predict(d, validate_features=False)).max()), float(np.abs(a.predict(d, pred_contribs=True) - b.predict(d, pred_contribs=True, validate_features=False)).max()))
`
    const child = spawnSync(PYTHON, ['-c', script, fixture('multiclass.model.json'), exported, fixture('multiclass.csv')], { encoding: 'utf8' })
    expect(child.stderr).toBe('')
    const [predictions, contributions] = child.stdout.trim().split(' ').map(Number)
    expect(predictions).toBeLessThan(1e-6)
    expect(contributions).toBeLessThan(1e-5)
  })

  it('usage and refusals: unknown format (2), missing option (2), a dart booster and a file that is not JSON (1)', async () => {
    expect((await run(exportMain, ['--model', bundlePath, '--format', 'pmml', '--out', join(work, 'x')])).code).toBe(2)
    expect((await run(importMain, ['--xgboost', fixture('binary.model.json'), '--out', join(work, 'x.json')])).code).toBe(2)
    const dart = await run(importMain, ['--xgboost', fixture('refused-dart.model.json'), '--data', fixture('binary.csv'), '--out', join(work, 'd.json')])
    expect(dart.code).toBe(1)
    expect(dart.stderr).toContain('the booster is "dart"')
    const notJson = await run(importMain, ['--xgboost', fixture('binary.csv'), '--data', fixture('binary.csv'), '--out', join(work, 'n.json')])
    expect(notJson.stderr).toContain('is not JSON; save the model with a .json file name')
  })
})
