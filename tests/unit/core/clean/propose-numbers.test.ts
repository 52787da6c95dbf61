import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyRecipe } from '../../../../src/core/clean/apply-recipe'
import { splitNames } from '../../../../src/core/clean/propose-numbers'
import { proposeRecipe } from '../../../../src/core/clean/propose-recipe'
import type { CleaningRecipe } from '../../../../src/core/clean/types'
import { profileTable } from '../../../../src/core/table/profile/profile'
import { readDataFile } from '../../../../src/core/table/read/read-file'
import type { Table } from '../../../../src/core/types'
import { cells, makeTable } from './tables'

const propose = (table: Table) => proposeRecipe(table, profileTable(table))
const about = (recipe: CleaningRecipe, column: string) => recipe.steps.filter((s) => 'column' in s && s.column === column)
const golden = async (name: string) => (await readDataFile(new Uint8Array(readFileSync(new URL(`../../../golden/csv/${name}`, import.meta.url))), name)).table
const repeat = <T>(values: T[], n: number): T[] => Array.from({ length: n }, (_, i) => values[i % values.length])

describe('proposals for numbers written with units', () => {
  it('one consistent unit → convert stripping it, with the unit for the description', () => {
    const t = makeTable({ weight: [...repeat(['70 kg', '82.5 kg', '64kg'], 20), '71', 'unknown'] })
    expect(about(propose(t), 'weight')).toEqual([
      {
        id: 'convert-weight', kind: 'convert', column: 'weight', to: 'number', unit: 'kg',
        reason: 'weight holds numbers with the unit kg (e.g. "70 kg"): strip it to read them as numbers (70), and the unit goes into the column\'s description; 1 value without a unit is read as kg; 1 value is not such a number (e.g. "unknown") and becomes missing',
      },
    ])
  })

  it('percentages → convert stripping "%", saying the number stays in percent', () => {
    const t = makeTable({ hba1c: repeat(['6.5%', '7%', '5.9%'], 21) })
    const [step] = about(propose(t), 'hba1c')
    expect(step).toMatchObject({ kind: 'convert', to: 'number', unit: '%' })
    expect(step.reason).toBe('hba1c holds percentages (e.g. "6.5%"): read them as numbers in percent (6.5, not 0.065), and "%" goes into the column\'s description')
  })

  it('units with decimal commas → both options', () => {
    const t = makeTable({ crp: repeat(['3,5 mg/L', '12 mg/L', '0,25 mg/L'], 21) })
    expect(about(propose(t), 'crp')[0]).toMatchObject({ kind: 'convert', unit: 'mg/L', decimalComma: true })
  })

  it('mixed units are not guessed: no step (the profile warns instead)', () => {
    const t = makeTable({ weight: [...repeat(['70 kg', '82 kg'], 30), '154 lb', '170 lb'] })
    expect(about(propose(t), 'weight')).toEqual([])
  })

  it('codes that merely end in a letter ("2a", "3b") are not amounts with units', () => {
    const t = makeTable({ stage: repeat(['2a', '3b', '1c', '2b'], 40) })
    expect(about(propose(t), 'stage').filter((s) => s.kind === 'convert')).toEqual([])
  })
})

describe('proposals for decimal commas and pairs', () => {
  it('a comma-separated file with quoted "3,5" (pandas, decimal=",") → convert with decimalComma', async () => {
    const t = await golden('comma-quoted-decimal.csv')
    const recipe = propose(t)
    expect(about(recipe, 'edss')).toEqual([
      { id: 'convert-edss', kind: 'convert', column: 'edss', to: 'number', decimalComma: true, reason: 'edss holds numbers written with a decimal comma (e.g. "1,5"): read them as numbers (1.5)' },
    ])
    const { table } = await applyRecipe(t, recipe, { textEngine: 'core' })
    const european = await golden('european-pandas.csv')
    // The cleaned comma file equals the semicolon file the reader understood directly (same pandas frame, first 8 rows).
    for (const name of ['edss', 'weight', 'crp']) expect(cells(table)[name]).toEqual(cells(european)[name].slice(0, 8))
  })

  it('"120/80" → split into systolic and diastolic for a blood-pressure column, <name>_1/_2 otherwise', () => {
    const t = makeTable({ bp: [...repeat(['120/80', '135/85', '110/70'], 40), 'not measured'], ratio: repeat(['1/2', '3/4'], 41) })
    const recipe = propose(t)
    expect(about(recipe, 'bp')).toEqual([
      {
        id: 'split-bp', kind: 'split', column: 'bp', separator: '/', into: ['systolic', 'diastolic'],
        reason: 'bp holds pairs of numbers such as "120/80": split them into two number columns, systolic and diastolic (you can rename them); 1 value is not such a pair (e.g. "not measured") and becomes missing',
      },
    ])
    expect(about(recipe, 'ratio')[0]).toMatchObject({ kind: 'split', into: ['ratio_1', 'ratio_2'] })
    expect(recipe.version).toBe(2)
  })

  it('names never clash: taken names get the column name in front, then a number', () => {
    expect(splitNames('BP_sitting', new Set())).toEqual(['systolic', 'diastolic'])
    expect(splitNames('blood_pressure', new Set(['systolic']))).toEqual(['blood_pressure_systolic', 'blood_pressure_diastolic'])
    expect(splitNames('ratio', new Set(['ratio_1', 'ratio_1_2']))).toEqual(['ratio_1_3', 'ratio_2'])
  })

  it('an identifier-like name ("case_no" holding "001/2024") is not split', () => {
    const t = makeTable({ case_no: Array.from({ length: 30 }, (_, i) => `${String(i).padStart(3, '0')}/2024`) })
    expect(about(propose(t), 'case_no')).toEqual([])
  })
})

describe('accepting the proposals for a file written by pandas (units.csv)', () => {
  it('gives number columns with units in their descriptions, and leaves the mixed-unit column alone', async () => {
    const t = await golden('units.csv')
    const recipe = propose(t)
    expect(recipe.steps.map((s) => [s.kind, 'column' in s ? s.column : ''])).toEqual([
      ['convert', 'weight'],
      ['convert', 'hba1c'],
      ['split', 'bp'],
      ['validate', ''],
    ])
    const { table, reports } = await applyRecipe(t, recipe, { textEngine: 'core' })
    const byName = new Map(table.columns.map((c) => [c.name, c]))
    expect(table.columns.map((c) => c.name)).toEqual(['patient_id', 'weight', 'hba1c', 'systolic', 'diastolic', 'height', 'diabetes'])
    expect(['weight', 'hba1c', 'systolic', 'diastolic'].map((n) => byName.get(n)?.type)).toEqual(['number', 'number', 'number', 'number'])
    expect([byName.get('weight')?.description, byName.get('hba1c')?.description]).toEqual(['unit: kg', 'unit: %'])
    expect(byName.get('height')?.type).toBe('category')
    // Row 12 of the file says "not measured" for bp; row 6 has no weight.
    expect(reports[2].failedConversions).toBe(1)
    expect(cells(table).systolic[11]).toBeNull()
    expect(cells(table).weight[5]).toBeNull()
    const raw = readFileSync(new URL('../../../golden/csv/units.csv', import.meta.url), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','))
    expect(cells(table).weight[0]).toBe(Number(raw[0][1].replace(' kg', '')))
    expect(cells(table).hba1c[0]).toBe(Number(raw[0][2].replace('%', '')))
    expect([cells(table).systolic[0], cells(table).diastolic[0]]).toEqual(raw[0][3].split('/').map(Number))
  })
})
