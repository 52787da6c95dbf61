import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import { parseRecipe } from '../../../../src/core/clean/parse-recipe'
import { proposeRecipe } from '../../../../src/core/clean/propose-recipe'
import type { CleaningRecipe, CleanResult } from '../../../../src/core/clean/types'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import type { Table } from '../../../../src/core/types'
import { tableToPlain } from '../../../golden/table-json'

const file = (name: string) => readFileSync(new URL(`../../../../sample-data/${name}`, import.meta.url))
const load = async (name: string): Promise<Table> => (await readDataFile(new Uint8Array(file(name)), name)).table

/**
 * The planted dirt, counted from the raw CSV text independently of the studio's
 * reader and of the recipe (sample-data/README.md lists it). The generator
 * writes no quoted fields, so splitting on commas is exact here.
 */
function rawFacts() {
  const [header, ...lines] = file('ms-treatment.csv').toString('utf8').trim().split('\n')
  const names = header.split(',')
  const rows = lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])))
  const missing = (cell: string) => /^\s*(|na|n\/a|nan|null|none)\s*$/i.test(cell)
  const num = (cell: string) => (missing(cell) ? NaN : Number(cell))
  const impossible = (r: Record<string, string>) =>
    num(r.edss) > 10 || num(r.edss) < 0 || num(r.lesion_count) < 0 || num(r.age) > 120 || num(r.age) < 10 || num(r.whole_brain_volume_ml) === 0
  const keep: number[] = []
  let targetMissing = 0, impossibleWithTarget = 0
  rows.forEach((r, i) => {
    if (missing(r.treatment_response)) targetMissing++
    else if (impossible(r)) impossibleWithTarget++
    else keep.push(i + 1)
  })
  return { rows: rows.length, targetMissing, impossibleWithTarget, keep, anyImpossible: rows.filter(impossible).length }
}

describe('MS sample: proposeRecipe + applyRecipe end to end', () => {
  let table: Table
  let recipe: CleaningRecipe
  let result: CleanResult
  const facts = rawFacts()

  beforeAll(async () => {
    table = await load('ms-treatment.csv')
    recipe = proposeRecipe(table, profileTable(table), 'treatment_response')
    result = await applyRecipe(table, recipe)
  })

  it('the raw file holds the dirt the README describes', () => {
    expect(facts.rows).toBe(1500)
    // Pinned so a regenerated sample that changes the dirt is noticed here.
    expect(facts).toMatchObject({ targetMissing: 12, impossibleWithTarget: 18, anyImpossible: 21 })
  })

  it('removes exactly the rows without a target and the rows with impossible values', () => {
    const [target, ...rest] = result.reports
    expect(target).toMatchObject({ kind: 'drop-missing-target', affectedRows: facts.targetMissing })
    const validate = rest.find((r) => r.kind === 'validate')
    expect(validate?.affectedRows).toBe(facts.impossibleWithTarget)
    expect(result.table.rowCount).toBe(facts.rows - facts.targetMissing - facts.impossibleWithTarget)
    expect(Array.from(result.sourceRows)).toEqual(facts.keep)
  })

  it('leaves no impossible value behind', () => {
    const column = (name: string) => {
      const c = result.table.columns.find((x) => x.name === name)
      if (!c || c.type !== 'number') throw new Error(`${name} should be numeric`)
      return Array.from(c.values).filter((v) => !Number.isNaN(v))
    }
    expect(column('edss').every((v) => v >= 0 && v <= 10)).toBe(true)
    expect(column('lesion_count').every((v) => v >= 0)).toBe(true)
    expect(column('age').every((v) => v >= 18 && v <= 120)).toBe(true)
    expect(column('whole_brain_volume_ml').every((v) => v > 0)).toBe(true)
  })

  it('unifies the spellings: gender 2 values, ms_type 3, treatment 7, treatment_response 2', () => {
    const levels = (name: string) => {
      const c = result.table.columns.find((x) => x.name === name)
      return c?.type === 'category' ? [...c.levels].sort() : null
    }
    expect(levels('gender')).toEqual(['Female', 'Male'])
    expect(levels('ms_type')).toEqual(['PPMS', 'RRMS', 'SPMS'])
    expect(levels('treatment_response')).toEqual(['no', 'yes'])
    expect(levels('treatment')).toHaveLength(7)
    for (const report of result.reports.filter((r) => r.kind === 'standardize-text')) expect(report.engine).toBe('danfojs')
  })

  it('the recipe survives JSON and gives the identical table on the Parquet copy', async () => {
    const again = parseRecipe(JSON.parse(JSON.stringify(recipe)))
    expect(again).toEqual(recipe)
    const parquet = await load('ms-treatment.parquet')
    const fromParquet = await applyRecipe(parquet, again)
    expect(tableToPlain(fromParquet.table)).toEqual(tableToPlain(result.table))
    expect(fromParquet.table.columns.map((c) => (c.type === 'category' ? c.levels : null))).toEqual(result.table.columns.map((c) => (c.type === 'category' ? c.levels : null)))
    expect(Array.from(fromParquet.sourceRows)).toEqual(Array.from(result.sourceRows))
  })
})
