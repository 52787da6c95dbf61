/**
 * `npm run train` on files as data teams hand them over: a Parquet file
 * written by Polars with its default codec (zstd) and a gzip-compressed CSV
 * (the same 60 visits, see tests/fixtures/files/). Date columns are left out
 * of the features by the page's rule, and both files give the same model.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CliIO } from '../../../src/node/cli/run-cli'
import { trainMain, type TrainSummary } from '../../../src/node/cli/train'

const root = new URL('../../../', import.meta.url).pathname
const fixture = (path: string): string => join(root, 'tests/fixtures/files', path)
const work = mkdtempSync(join(tmpdir(), 'studio-cli-files-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const FEATURES = ['prior_visits', 'dose_mg', 'cost', 'creatinine', 'ward', 'note']
const LEFT_OUT = 'left out patient_no (identifier), visit_date (date), admitted (date), discharged_ms (date), seen_at (date)'

async function train(data: string, out: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = ''
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }
  const code = await trainMain(['--data', data, '--target', 'smoker', '--model', 'logreg', '--out', join(work, out)], io)
  return { code, stdout, stderr }
}

describe('npm run train on real-world files', () => {
  let parquetSummary: TrainSummary

  it('reads a zstd Parquet file written by Polars', async () => {
    const result = await train(fixture('parquet/visits.polars.default.parquet'), 'polars.json')
    expect(result.stderr).toContain('read visits.polars.default.parquet: 60 rows × 12 columns')
    expect(result.code).toBe(0)
    parquetSummary = JSON.parse(result.stdout) as TrainSummary
    expect(parquetSummary).toMatchObject({ model: 'logreg', task: 'binary', rows: 60, features: FEATURES })
    expect(result.stderr).toContain(LEFT_OUT)
  })

  it('reads a .csv.gz as a real child process (zlib), into the same model', () => {
    const child = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/node/cli/train.ts'), '--data', fixture('gzip/visits.csv.gz'), '--target', 'smoker', '--model', 'logreg', '--out', join(work, 'gz.json')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, STUDIO_DEBUG: '' },
    })
    expect(child.stderr).toContain('read visits.csv.gz: 60 rows × 12 columns')
    expect(child.status).toBe(0)
    const summary = JSON.parse(child.stdout) as TrainSummary
    expect(summary).toMatchObject({ task: 'binary', rows: 60, features: FEATURES })
    expect(child.stderr).toContain(LEFT_OUT)
    expect(summary.metrics).toEqual(parquetSummary.metrics)
  })
})
