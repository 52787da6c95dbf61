/**
 * Excel workbooks in the headless commands: `--sheet` in train, predict and
 * compare, and `npm run profile` (in-process through its main function, and
 * as a child process for what a CI job sees: exit codes, one JSON document
 * on stdout, one line on stderr when the data cannot be read).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { describeTable, loadDataset } from '../../../src/core/dataset'
import { parseCsv } from '../../../src/core/table/read/csv'
import { compareMain, type CompareEntry } from '../../../src/node/cli/compare'
import { predictMain } from '../../../src/node/cli/predict'
import { profileMain, profileReport, type ProfileReport } from '../../../src/node/cli/profile'
import type { CliIO } from '../../../src/node/cli/run-cli'
import { trainMain, type TrainSummary } from '../../../src/node/cli/train'

const root = new URL('../../../', import.meta.url).pathname
const fixture = (name: string): string => join(root, 'tests/fixtures/files', name)
const workbook = fixture('two-sheets.xlsx')
const work = mkdtempSync(join(tmpdir(), 'studio-cli-xlsx-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function run(main: (argv: string[], io: CliIO) => Promise<number>, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}

/** The first 200 rows of the Parkinson sample, read from the CSV: what the workbook's second sheet holds. */
function parkinsonsHead() {
  const lines = readFileSync(join(root, 'sample-data/parkinsons.csv'), 'utf8').split('\n')
  return parseCsv(lines.slice(0, 201).join('\n'), 'two-sheets.xlsx').table
}

describe('npm run profile', () => {
  it('prints the profile of the first sheet, naming it and the others', async () => {
    const result = await run(profileMain, ['--data', workbook])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout.trim().split('\n')).toHaveLength(1)
    const report = JSON.parse(result.stdout) as ProfileReport
    expect(report.dataset).toMatchObject({ name: 'two-sheets.xlsx', format: 'xlsx', sheet: 'About', sheets: ['About', 'Parkinsons'], rows: 3, columns: 2, missingCells: 0 })
    expect(report.columns.map((c) => [c.name, c.type, c.missing, c.distinct])).toEqual([
      ['Field', 'categorical', 0, 3],
      ['Meaning', 'categorical', 0, 3],
    ])
  })

  it('--sheet profiles another sheet: the same columns, summaries and warnings as the same rows read from CSV', async () => {
    const result = await run(profileMain, ['--data', workbook, '--sheet', 'Parkinsons'])
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout) as ProfileReport
    const fromCsv = profileReport(describeTable(parkinsonsHead(), { format: 'csv', byteLength: 0, warnings: [], readMs: 0 }))
    expect(report.dataset).toMatchObject({ sheet: 'Parkinsons', rows: 200, columns: 35, fingerprint: fromCsv.dataset.fingerprint })
    expect(report.columns).toEqual(fromCsv.columns)
    // The sheet choice is a note the CSV has not; every other warning is the CSV's.
    expect(report.warnings).toEqual([
      { kind: 'reader', severity: 'info', message: 'sheet "Parkinsons" was read; the workbook also has "About"' },
      ...fromCsv.warnings,
    ])
    const age = report.columns.find((c) => c.name === 'Age')
    expect(age?.type).toBe('numeric')
    expect(Object.keys(age?.numeric ?? {})).toEqual(['min', 'q1', 'median', 'q3', 'max', 'mean', 'std'])
    expect(report.columns.find((c) => c.name === 'PatientID')?.type).toBe('identifier')
    expect(report.columns.find((c) => c.name === 'DoctorInCharge')?.topValues).toEqual([{ value: 'DrXXXConfid', count: 200 }])
  })

  it('prints the warnings the page shows (core loadDataset) for a CSV', async () => {
    const path = join(root, 'sample-data/ms-treatment.csv')
    const result = await run(profileMain, ['--data', path])
    const { view } = await loadDataset(new Uint8Array(readFileSync(path)), 'ms-treatment.csv')
    expect((JSON.parse(result.stdout) as ProfileReport).warnings).toEqual(view.profile.warnings)
    expect(view.profile.warnings.length).toBeGreaterThan(0)
  })

  it('--out writes the file and says so on stderr', async () => {
    const out = join(work, 'profile.json')
    const result = await run(profileMain, ['--data', fixture('clinic.xlsx'), '--sheet', 'Vitals', '--out', out])
    expect(result.code).toBe(0)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(/^profile: 3 rows × 5 columns, \d+ warnings?; wrote .*profile\.json\n$/)
    const report = JSON.parse(readFileSync(out, 'utf8')) as ProfileReport
    expect(report.columns.map((c) => c.name)).toEqual(['PatientID', 'Vitals SBP', 'Vitals DBP', 'Vitals HR', 'Note'])
  })

  it('dates read from a workbook are date columns (ISO text, as every reader carries them)', async () => {
    const report = JSON.parse((await run(profileMain, ['--data', fixture('clinic.xlsx')])).stdout) as ProfileReport
    expect(report.columns.map((c) => [c.name, c.type])).toEqual([
      ['PatientID', 'categorical'],
      ['Age', 'numeric'],
      ['Weight kg', 'numeric'],
      ['Smoker', 'boolean'],
      ['Visit date', 'date'],
      ['Admitted', 'date'],
      ['Site', 'categorical'],
    ])
  })

  it('unreadable data exits 1, bad usage exits 2', async () => {
    const missingSheet = await run(profileMain, ['--data', workbook, '--sheet', 'Labs'])
    expect(missingSheet).toMatchObject({ code: 1, stdout: '', stderr: 'profile: xlsx: "two-sheets.xlsx" has no sheet "Labs"; its sheets are "About", "Parkinsons"\n' })
    expect((await run(profileMain, ['--data', join(work, 'nope.csv')])).code).toBe(1)
    expect((await run(profileMain, ['--data', join(root, 'sample-data/parkinsons.csv'), '--sheet', 'A'])).stderr).toContain('is not an Excel workbook, so it has no sheet "A"')
    expect(await run(profileMain, [])).toMatchObject({ code: 2, stderr: 'profile: --data is required; see --help\n' })
    expect((await run(profileMain, ['--data', workbook, '--sheet', ' '])).code).toBe(2)
    expect((await run(profileMain, ['--data', workbook, '--colour'])).code).toBe(2)
  })
})

describe('--sheet in the commands that read data', () => {
  const bundle = join(work, 'sheet-model.json')

  it('train reads the chosen sheet, and without it the first sheet (which lacks the target)', async () => {
    const trained = await run(trainMain, ['--data', workbook, '--sheet', 'Parkinsons', '--target', 'Diagnosis', '--model', 'logreg', '--out', bundle])
    expect(trained.code).toBe(0)
    expect(trained.stderr).toContain('train: read two-sheets.xlsx, sheet "Parkinsons": 200 rows × 35 columns')
    const summary = JSON.parse(trained.stdout) as TrainSummary
    expect(summary).toMatchObject({ model: 'logreg', task: 'binary', rows: 200 })
    const first = await run(trainMain, ['--data', workbook, '--target', 'Diagnosis', '--model', 'logreg', '--out', join(work, 'x.json')])
    expect(first.code).toBe(1)
    expect(first.stderr).toContain('train: read two-sheets.xlsx, sheet "About": 3 rows × 2 columns')
    expect(first.stderr).toMatch(/Diagnosis/)
  })

  it('predict scores the rows of the chosen sheet', async () => {
    const result = await run(predictMain, ['--model', bundle, '--data', workbook, '--sheet', 'Parkinsons'])
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines).toHaveLength(201)
    expect(lines[0]).toBe('PatientID,prediction,proba_0,proba_1')
    const wrongSheet = await run(predictMain, ['--model', bundle, '--data', workbook, '--sheet', 'Nope'])
    expect(wrongSheet.code).toBe(1)
    expect(wrongSheet.stderr).toContain('has no sheet "Nope"; its sheets are "About", "Parkinsons"')
  })

  it('compare cross-validates on the chosen sheet', async () => {
    const result = await run(compareMain, ['--data', workbook, '--sheet', 'Parkinsons', '--target', 'Diagnosis', '--folds', '2'])
    expect(result.code).toBe(0)
    expect(result.stderr).toContain('compare: read two-sheets.xlsx, sheet "Parkinsons": 200 rows × 35 columns')
    const entries = JSON.parse(result.stdout) as CompareEntry[]
    expect(entries.length).toBeGreaterThanOrEqual(4)
    expect(entries.every((e) => e.error === undefined)).toBe(true)
  })
})

describe('npm run profile as a child process', () => {
  const tsx = join(root, 'node_modules/.bin/tsx')
  const spawn = (args: string[]) => spawnSync(tsx, [join(root, 'src/node/cli/profile.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, STUDIO_DEBUG: '' } })

  it('exit 0 and one JSON document on stdout', () => {
    const child = spawn(['--data', workbook, '--sheet', 'Parkinsons'])
    expect(child.status).toBe(0)
    expect((JSON.parse(child.stdout) as ProfileReport).dataset.rows).toBe(200)
  })

  it('unreadable data: exit 1, one line on stderr, no stack trace; usage: exit 2', () => {
    const whole = readFileSync(fixture('clinic.xlsx'))
    const cut = join(work, 'cut.xlsx')
    writeFileSync(cut, whole.subarray(0, whole.length - 200))
    const child = spawn(['--data', cut])
    expect(child.status).toBe(1)
    expect(child.stdout).toBe('')
    expect(child.stderr.trim().split('\n')).toHaveLength(1)
    expect(child.stderr).toMatch(/^profile: xlsx: "cut.xlsx" is not a readable workbook: its ZIP directory is missing/)
    expect(child.stderr).not.toMatch(/\n\s+at /)
    expect(spawn(['--sheet', 'A']).status).toBe(2)
  })
})
