/**
 * `npm run drift`, run as a real child process on real files: the Parkinson's
 * sample as reference, and copies pandas wrote from it (unchanged rows, shifted
 * rows, the first 500 rows; tests/fixtures/drift-cli/make_drift_cli_fixtures.py)
 * whose statistics scipy computed into expected.json. Asserts on the JSON
 * written, the HTML, the exit codes and the one-line errors.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import type { ColumnDrift, DriftReport } from '../../../src/core/drift/types'
import { parseOverrides } from '../../../src/node/cli/drift-options'

const root = new URL('../../../', import.meta.url).pathname
const tsx = join(root, 'node_modules/.bin/tsx')
const fixture = (name: string): string => join(root, 'tests/fixtures/drift-cli', name)
const sample = join(root, 'sample-data/parkinsons.csv')
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8'))
const work = mkdtempSync(join(tmpdir(), 'studio-drift-cli-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs `npm run drift` as a child process (tsx src/node/cli/drift.ts) and resolves to its exit code and output. */
async function drift(args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [join(root, 'src/node/cli/drift.ts'), ...args], { cwd: root, env: { ...process.env, STUDIO_DEBUG: '' } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    if (typeof e.code !== 'number') throw error
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

const out = (name: string): string => join(work, name)
const report = (name: string): DriftReport => JSON.parse(readFileSync(out(name), 'utf8')) as DriftReport
const col = (r: DriftReport, name: string): ColumnDrift => {
  const found = r.columns.find((c) => c.name === name)
  if (!found) throw new Error(`no column ${name} in the report`)
  return found
}
const rel = (a: number | null, b: number): number => Math.abs((a ?? NaN) - b) / Math.abs(b)

// The child processes run side by side; each test reads its result.
const [recent, shifted, shiftedFail, head, lenient, override, badTest, badColumn, v1, v2, v2Recent, missing, noCurrent] = await Promise.all([
  drift(['--reference', sample, '--current', fixture('parkinsons-recent.csv'), '--target', 'Diagnosis', '--out', out('recent.json'), '--html', out('recent.html'), '--fail-on-drift']),
  drift(['--reference', sample, '--current', fixture('parkinsons-shifted.csv'), '--target', 'Diagnosis', '--out', out('shifted.json'), '--html', out('shifted.html')]),
  drift(['--reference', sample, '--current', fixture('parkinsons-shifted.csv'), '--target', 'Diagnosis', '--out', out('shifted-fail.json'), '--fail-on-drift']),
  drift(['--reference', fixture('parkinsons-head500.csv'), '--current', fixture('parkinsons-shifted.csv'), '--target', 'Diagnosis', '--out', out('head.json')]),
  drift(['--reference', sample, '--current', fixture('parkinsons-shifted.csv'), '--target', 'Diagnosis', '--out', out('lenient.json'), '--drift-share', '0.99', '--fail-on-drift']),
  drift(['--reference', sample, '--current', fixture('parkinsons-shifted.csv'), '--target', 'Diagnosis', '--out', out('override.json'), '--override', 'Age=ks:0.01', '--override', 'BMI=:0.9']),
  drift(['--reference', sample, '--current', fixture('parkinsons-shifted.csv'), '--out', out('bad-test.json'), '--override', 'Age=anova']),
  drift(['--reference', sample, '--current', fixture('parkinsons-shifted.csv'), '--out', out('bad-column.json'), '--override', 'Agee=ks']),
  drift(['--reference', join(root, 'tests/golden/bundles/v1-gbdt-parkinsons.json'), '--current', fixture('parkinsons-shifted.csv'), '--out', out('v1.json')]),
  drift(['--reference', join(root, 'tests/golden/bundles/v2-gbdt-parkinsons.json'), '--current', fixture('parkinsons-shifted.csv'), '--out', out('v2.json')]),
  drift(['--reference', join(root, 'tests/golden/bundles/v2-gbdt-parkinsons.json'), '--current', fixture('parkinsons-recent.csv'), '--out', out('v2-recent.json'), '--html', out('v2-recent.html'), '--fail-on-drift']),
  drift(['--reference', sample, '--current', out('no-such-file.csv'), '--out', out('missing.json')]),
  drift(['--reference', sample, '--out', out('no-current.json')]),
])

describe('npm run drift against a reference dataset', () => {
  it('finds no drift in unchanged rows: exit 0 even with --fail-on-drift, distances as scipy computes them', () => {
    expect(recent.code).toBe(0)
    expect(recent.stdout).toBe('')
    const r = report('recent.json')
    expect(r).toMatchObject({ format: 'clinical-ml-studio/drift-report', datasetDrift: false, reference: { source: 'dataset', rows: 2105 }, current: { rows: 800 } })
    expect(r.columns.map((c) => c.name)).not.toContain('Diagnosis')
    for (const name of ['Age', 'BMI', 'UPDRS', 'Gender', 'Tremor', 'EducationLevel']) {
      const want = expected.recentVsSample[name]
      expect(col(r, name).test, name).toBe(want.test)
      expect(rel(col(r, name).distance, want.distance), name).toBeLessThan(1e-9)
      expect(col(r, name).drifted, name).toBe(false)
    }
    expect(recent.stderr).toContain('drift: no dataset drift')
  })

  it('reports the shifted columns as drifted, the dropped column as missing, and dataset drift (exit 0 without --fail-on-drift)', () => {
    expect(shifted.code).toBe(0)
    const r = report('shifted.json')
    expect(r.datasetDrift).toBe(true)
    expect(r.share).toBeGreaterThanOrEqual(0.5)
    expect(r.missingColumns).toEqual(['Ethnicity'])
    expect(col(r, 'Ethnicity').problem?.code).toBe('drift/missing-column')
    for (const name of ['Age', 'BMI', 'UPDRS', 'Tremor']) {
      expect(rel(col(r, name).distance, expected.shiftedVsSample[name].distance), name).toBeLessThan(1e-9)
      expect(col(r, name).drifted, name).toBe(true)
      expect(col(r, name).psi, name).toBeGreaterThan(0)
    }
    expect(col(r, 'Gender').drifted).toBe(false)
    expect(shifted.stderr).toMatch(/drift: DATASET DRIFT: \d+ of \d+ columns drifted/)
    expect(shifted.stderr).toContain('missing from the current data: Ethnicity')
  })

  it('exits 1 on dataset drift with --fail-on-drift, still writing the report', () => {
    expect(shiftedFail.code).toBe(1)
    expect(report('shifted-fail.json').datasetDrift).toBe(true)
    expect(shiftedFail.stderr).not.toMatch(/\n\s+at /)
  })

  it('uses the tests with a reference of at most 1,000 rows: KS, chi-squared and the z-test as scipy computes them', () => {
    expect(head.code).toBe(0)
    const r = report('head.json')
    for (const name of ['Age', 'BMI', 'EducationLevel', 'Gender', 'Tremor']) {
      const want = expected.shiftedVsHead500[name]
      const got = col(r, name)
      expect(got.test, name).toBe(want.test)
      expect(got.distance, name).toBeNull()
      expect(Math.abs(got.pValue! - want.pValue), name).toBeLessThanOrEqual(1e-6 * Math.max(want.pValue, 1e-300) + 1e-300)
      const statistic = want.test === 'z' ? Math.abs(got.statistic!) : got.statistic
      expect(rel(statistic, want.test === 'z' ? want.absStatistic : want.statistic), name).toBeLessThan(1e-9)
      expect(got.drifted, name).toBe(want.pValue < 0.05)
    }
  })

  it('takes --drift-share: a share below it is no dataset drift, exit 0 with --fail-on-drift', () => {
    expect(lenient.code).toBe(0)
    expect(report('lenient.json')).toMatchObject({ driftShare: 0.99, datasetDrift: false })
  })

  it('applies --override per column: another test, or another threshold', () => {
    expect(override.code).toBe(0)
    const r = report('override.json')
    expect(col(r, 'Age')).toMatchObject({ test: 'ks', threshold: 0.01, overridden: true, drifted: true })
    expect(col(r, 'BMI')).toMatchObject({ test: 'wasserstein', threshold: 0.9, overridden: true, drifted: false })
    expect(col(r, 'UPDRS').overridden).toBe(false)
  })

  it('refuses a bad override with a usage error (exit 2) naming it, and writes no report', () => {
    expect(badTest.code).toBe(2)
    expect(badTest.stderr).toBe('drift: --override "Age=anova": unknown test "anova"; expected one of ks, chi2, z, wasserstein, jensenshannon, psi\n')
    expect(badColumn.code).toBe(2)
    expect(badColumn.stderr).toContain('Agee')
    expect(badColumn.stderr.trim().split('\n')).toHaveLength(1)
    expect(existsSync(out('bad-test.json')) || existsSync(out('bad-column.json'))).toBe(false)
  })

  it('writes a self-contained HTML report beside the JSON', () => {
    const html = readFileSync(out('shifted.html'), 'utf8')
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html).toContain('<p class="verdict drift">Dataset drift detected</p>')
    expect(html).toContain('<strong>Ethnicity</strong>')
    expect(html).not.toMatch(/<script|https?:/i)
    expect(readFileSync(out('recent.html'), 'utf8')).toContain('<p class="verdict ok">No dataset drift</p>')
  })
})

describe('npm run drift against a model bundle', () => {
  it('compares unchanged rows with the bundle reference statistics: no drift, prediction drift and performance on the labelled rows', () => {
    expect(v2Recent.code).toBe(0)
    const r = report('v2-recent.json')
    expect(r.reference).toMatchObject({ source: 'bundle', rows: 1684 })
    expect(r.datasetDrift).toBe(false)
    expect(r.columns.map((c) => c.name)).not.toContain('Diagnosis')
    expect(r.prediction).toMatchObject({ drifted: false })
    expect(r.performance?.currentRows).toBeGreaterThan(700)
    const auc = r.performance?.metrics.find((m) => m.name === 'auc')
    expect(auc?.training).toBeGreaterThan(0.8)
    expect(auc?.current).toBeGreaterThan(0.8)
    const html = readFileSync(out('v2-recent.html'), 'utf8')
    expect(html).toContain('<h2 id="prediction-h">Prediction drift</h2>')
    expect(html).toContain('<h2 id="performance-h">Model performance</h2>')
  })

  it('reports shifted rows against the bundle, and says why prediction drift is left out when a model column is missing', () => {
    expect(v2.code).toBe(0)
    const r = report('v2.json')
    expect(col(r, 'Age').drifted).toBe(true)
    expect(col(r, 'Age').binned).toBe(true)
    expect(r.missingColumns).toEqual(['Ethnicity'])
    expect(r.prediction).toBeNull()
    expect(r.warnings.join('\n')).toMatch(/prediction drift and performance are left out.*Ethnicity/)
    expect(v2.stderr).toMatch(/drift: warning: .*prediction drift/)
  })

  it('refuses a version 1 bundle, which has no reference statistics, saying to re-export it (exit 3)', () => {
    expect(v1.code).toBe(3)
    expect(v1.stderr).toMatch(/^drift: .*re-export/i)
    expect(v1.stderr.trim().split('\n')).toHaveLength(1)
    expect(existsSync(out('v1.json'))).toBe(false)
  })
})

describe('npm run drift: bad invocations', () => {
  it('names a missing file (exit 3)', () => {
    expect(missing.code).toBe(3)
    expect(missing.stderr).toBe(`drift: cannot read data file "${out('no-such-file.csv')}": no such file or directory\n`)
  })

  it('asks for --current (exit 2)', () => {
    expect(noCurrent.code).toBe(2)
    expect(noCurrent.stderr).toBe('drift: --current is required; see --help\n')
  })

  it('parses overrides: test, test and threshold, threshold alone; refuses malformed ones', () => {
    expect(parseOverrides(['Age=ks', 'BMI=wasserstein:0.2', 'a=b=:0.3'])).toEqual({ Age: { test: 'ks' }, BMI: { test: 'wasserstein', threshold: 0.2 }, 'a=b': { threshold: 0.3 } })
    for (const bad of ['Age', '=ks', 'Age=', 'Age=ks:', 'Age=ks:-1', 'Age=ks:0.1:2']) expect(() => parseOverrides([bad]), bad).toThrow(/--override/)
    expect(() => parseOverrides(['Age=ks', 'Age=z'])).toThrow('names column "Age" twice')
  })
})
