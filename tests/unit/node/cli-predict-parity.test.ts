/**
 * `npm run train --recipe` and `npm run predict` against the Predictor's batch
 * API: the CSV the CLI writes holds exactly (bit for bit) the probabilities
 * predictRecords gives for the same rows sent as JSON cells — the numbers the
 * model server answers — and rows a cleaning rule refuses keep their place
 * with empty cells, named on stderr.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Predictor } from '../../../src/core/bundle/predictor'
import { proposeRecipe } from '../../../src/core/clean/propose-recipe'
import { parseCsv } from '../../../src/core/table/read/csv'
import { profileTable } from '../../../src/core/table/profile/profile'
import type { Column, Table } from '../../../src/core/types'
import { predictMain } from '../../../src/node/cli/predict'
import type { CliIO } from '../../../src/node/cli/run-cli'
import { trainMain } from '../../../src/node/cli/train'
import { readTable, tableRecords } from '../core/bundle/helpers'

const root = new URL('../../../', import.meta.url).pathname
const work = mkdtempSync(join(tmpdir(), 'studio-parity-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

async function run(main: (argv: string[], io: CliIO) => Promise<number>, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  return { code, stdout, stderr }
}

const column = (table: Table, name: string): Column => {
  const found = table.columns.find((c) => c.name === name)
  if (!found) throw new Error(`no column ${name}`)
  return found
}
const numberAt = (c: Column, i: number): number => (c.type === 'number' ? c.values[i] : NaN)

describe.each([
  { name: 'MS sample, proposed recipe', data: 'sample-data/ms-treatment.csv', target: 'treatment_response', model: 'logreg', labels: ['no', 'yes'] },
  { name: 'vitals, every replayed step', data: 'tests/golden/bundles/vitals.csv', target: 'outcome', model: 'gbdt', labels: ['0', '1'] },
])('$name', ({ data, target, model, labels }) => {
  it('npm run predict writes the probabilities predictRecords gives for the same rows, bit for bit', async () => {
    const table = await readTable(data)
    const recipeFile = join(work, `${target}-recipe.json`)
    const recipe = data.includes('vitals') ? JSON.parse(readFileSync(join(root, 'tests/golden/bundles/vitals-recipe.json'), 'utf8')) : proposeRecipe(table, profileTable(table), target)
    writeFileSync(recipeFile, JSON.stringify(recipe))
    const bundlePath = join(work, `${target}.json`)
    const trained = await run(trainMain, ['--data', join(root, data), '--target', target, '--model', model, '--recipe', recipeFile, '--out', bundlePath])
    expect(trained.code).toBe(0)
    expect(trained.stderr).toContain(`cleaned with ${recipe.steps.length} recipe step(s)`)

    const predicted = await run(predictMain, ['--model', bundlePath, '--data', join(root, data)])
    expect(predicted.code).toBe(0)
    const csv = parseCsv(predicted.stdout, 'predictions.csv').table
    expect(csv.rowCount).toBe(table.rowCount)

    const predictor = Predictor.fromBundle(JSON.parse(readFileSync(bundlePath, 'utf8')))
    const batch = predictor.predictRecords(tableRecords(table))
    const proba = labels.map((label) => column(csv, `proba_${label}`))
    let refused = 0
    batch.rows.forEach((row, i) => {
      if (row === null) {
        refused++
        expect(proba.map((c) => numberAt(c, i)).every(Number.isNaN)).toBe(true)
        return
      }
      expect(labels.map((_, c) => numberAt(proba[c], i))).toEqual(labels.map((label) => row.probabilities![label]))
    })
    if (refused > 0) expect(predicted.stderr).toContain(`predict: ${refused} row${refused === 1 ? '' : 's'} refused by the cleaning rules (empty prediction cells)`)
    if (data.includes('ms-')) expect(refused).toBeGreaterThan(0)
  })
})
