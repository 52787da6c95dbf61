/**
 * `npm run train -- --recipe auto`: the recipe the Clean page proposes for the
 * file (for the MS sample: rows without a response, spellings of sex, MS type,
 * treatment and response, impossible ages, counts, volumes and EDSS scores)
 * is applied before training and travels in the bundle, giving the same model
 * as training with that recipe exported to a file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Predictor } from '../../../src/core/bundle/predictor'
import { proposeRecipe } from '../../../src/core/clean/propose-recipe'
import { parseCsv } from '../../../src/core/table/read/csv'
import { profileTable } from '../../../src/core/table/profile/profile'
import type { CliIO } from '../../../src/node/cli/run-cli'
import { trainMain } from '../../../src/node/cli/train'

const root = new URL('../../../', import.meta.url).pathname
const data = join(root, 'sample-data/ms-treatment.csv')
const work = mkdtempSync(join(tmpdir(), 'studio-train-recipe-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function train(argv: string[]): Promise<{ code: number; summary: Record<string, any>; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }
  const code = await trainMain(argv, io)
  return { code, stderr, summary: stdout === '' ? {} : JSON.parse(stdout) }
}

const withoutDates = (bundle: Record<string, any>) => ({ ...bundle, createdAt: null, training: { ...bundle.training, durationMs: null } })

describe('train --recipe auto', () => {
  it('applies the proposed recipe: impossible values, spellings and blanks are cleaned before training', async () => {
    const out = join(work, 'auto.json')
    const run = await train(['--data', data, '--target', 'treatment_response', '--model', 'logreg', '--recipe', 'auto', '--out', out])
    expect(run.stderr).toBe(run.stderr.replace(/error/gi, ''))
    expect(run.code).toBe(0)
    expect(run.stderr).toMatch(/train: proposed recipe: drop-missing-target, standardize-text, .*validate/)
    const kinds = run.summary.recipe.steps.map((s: { kind: string }) => s.kind)
    expect(run.summary.recipe.source).toBe('auto')
    expect(kinds).toEqual(['drop-missing-target', 'standardize-text', 'standardize-text', 'standardize-text', 'standardize-text', 'validate'])
    // 12 rows without a response, 18 with impossible values (age, lesion count, brain volume, EDSS) removed.
    expect(run.summary.recipe.rowsKept).toBe(1470)
    const bundle = JSON.parse(readFileSync(out, 'utf8'))
    expect(bundle.target.labels).toEqual(['no', 'yes'])
    // Row-level steps on inputs replay on every record; the target's spellings and the row drops do not need to.
    expect(bundle.cleaning.steps.map((s: { id: string }) => s.id)).toEqual(run.summary.recipe.steps.filter((s: { kind: string; id: string }) => s.kind === 'validate' || (s.kind === 'standardize-text' && s.id !== 'standardize-treatment-response')).map((s: { id: string }) => s.id))
    expect(bundle.cleaning.steps).toHaveLength(4)
    // The replayed spellings reach the model: "M" answers as "Male" does; an EDSS of 12 is refused.
    const predictor = Predictor.fromBundle(bundle)
    const columns = ['age', 'gender', 'ms_type', 'treatment', 'lesion_count', 'lesion_volume_ml', 'whole_brain_volume_ml', 'edss']
    const result = predictor.predictRecords({ columns, rows: [[41, 'M', 'rrms', 'Fingolimod', 26, 5.72, 1360.4, 3.5], [41, 'Male', 'RRMS', 'Fingolimod', 26, 5.72, 1360.4, 3.5], [41, 'Male', 'RRMS', 'Fingolimod', 26, 5.72, 1360.4, 12]] })
    expect(result.rows[0]).toEqual(result.rows[1])
    expect(result.rows[2]).toBeNull()
  })

  it('gives the same bundle as the proposed recipe exported to a file', async () => {
    const table = parseCsv(readFileSync(data, 'utf8'), 'ms-treatment.csv').table
    const recipeFile = join(work, 'proposed.json')
    writeFileSync(recipeFile, JSON.stringify(proposeRecipe(table, profileTable(table), 'treatment_response')))
    const [auto, file] = [join(work, 'a.json'), join(work, 'f.json')]
    const a = await train(['--data', data, '--target', 'treatment_response', '--model', 'logreg', '--recipe', 'auto', '--out', auto])
    const f = await train(['--data', data, '--target', 'treatment_response', '--model', 'logreg', '--recipe', recipeFile, '--out', file])
    expect([a.code, f.code]).toEqual([0, 0])
    expect(f.summary.recipe.source).toBe('file')
    expect(a.summary.metrics).toEqual(f.summary.metrics)
    expect(withoutDates(JSON.parse(readFileSync(auto, 'utf8')))).toEqual(withoutDates(JSON.parse(readFileSync(file, 'utf8'))))
  })

  it("reads the Parkinson's sample's Ethnicity codes as categories, as the Clean page proposes", async () => {
    const out = join(work, 'parkinsons.json')
    const run = await train(['--data', join(root, 'sample-data/parkinsons.csv'), '--target', 'Diagnosis', '--model', 'logreg', '--recipe', 'auto', '--out', out])
    expect(run.code).toBe(0)
    expect(run.summary.recipe.steps.map((s: { id: string }) => s.id)).toEqual(['convert-ethnicity', 'validate-ranges'])
    const bundle = JSON.parse(readFileSync(out, 'utf8'))
    expect(bundle.inputSchema.find((c: { name: string }) => c.name === 'Ethnicity').type).toBe('number')
    expect(bundle.pipeline.inputs.find((c: { name: string }) => c.name === 'Ethnicity').type).toBe('category')
  })
})
