import { describe, expect, it } from 'vitest'
import { parseBundle, type ModelBundle } from '../../../../src/core/bundle/bundle'
import { columnDriftVsDataset } from '../../../../src/core/drift/column-drift'
import { driftReport, driftReportJson } from '../../../../src/core/drift/report'
import { errorCode } from '../../../../src/core/errors'
import type { Column, Table } from '../../../../src/core/types'
import { goldenJson, readTable } from '../bundle/helpers'
import { categoryColumn, normals, numberColumn } from './helpers'

const NOW = '2026-12-02T05:00:00.000Z'

function table(name: string, columns: Column[]): Table {
  const rows = columns.length === 0 ? 0 : columns[0].type === 'number' ? columns[0].values.length : columns[0].codes.length
  return { name, rowCount: rows, columns }
}

/** A reference of 600 rows and a current one where "age" moved and the rest did not. */
function pair(): { reference: Table; current: Table } {
  const sexes = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 ? 'f' : 'm'))
  const reference = table('ref.csv', [
    numberColumn('age', normals(600, 50, 10, 1)),
    numberColumn('sbp', normals(600, 130, 15, 2)),
    categoryColumn('sex', sexes(600)),
    numberColumn('outcome', Array.from({ length: 600 }, (_, i) => i % 3 === 0 ? 1 : 0)),
  ])
  const current = table('cur.csv', [
    numberColumn('age', normals(500, 58, 10, 3)),
    numberColumn('sbp', normals(500, 130, 15, 4)),
    categoryColumn('sex', sexes(500)),
    numberColumn('extra', normals(500, 0, 1, 5)),
  ])
  return { reference, current }
}

function codeOf(run: () => unknown): string | null {
  try {
    run()
  } catch (error) {
    return errorCode(error)
  }
  return null
}

describe('driftReport against a dataset', () => {
  it('judges every feature column, leaves the target out, and gives the dataset verdict', () => {
    const { reference, current } = pair()
    const progress: string[] = []
    const report = driftReport({ reference: { kind: 'dataset', table: reference }, current, options: { target: 'outcome' }, onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.message}`), now: NOW })
    expect(report.columns.map((c) => [c.name, c.test, c.drifted])).toEqual([
      ['age', 'ks', true],
      ['sbp', 'ks', false],
      ['sex', 'z', false],
    ])
    expect(progress).toEqual(['1/3 age', '2/3 sbp', '3/3 sex'])
    expect(report).toMatchObject({
      format: 'clinical-ml-studio/drift-report',
      version: 1,
      createdAt: NOW,
      reference: { source: 'dataset', name: 'ref.csv', rows: 600 },
      current: { name: 'cur.csv', rows: 500 },
      share: 1 / 3,
      driftShare: 0.5,
      datasetDrift: false,
      missingColumns: [],
      extraColumns: ['extra'],
      prediction: null,
      performance: null,
    })
  })

  it('dataset drift when the drifted share reaches the configured share', () => {
    const { reference, current } = pair()
    const report = driftReport({ reference: { kind: 'dataset', table: reference }, current, options: { target: 'outcome', driftShare: 1 / 3 }, now: NOW })
    expect(report.datasetDrift).toBe(true)
    expect(codeOf(() => driftReport({ reference: { kind: 'dataset', table: reference }, current, options: { driftShare: 0 } }))).toBe('drift/bad-drift-share')
    expect(codeOf(() => driftReport({ reference: { kind: 'dataset', table: reference }, current, options: { driftShare: 1.5 } }))).toBe('drift/bad-drift-share')
  })

  it('applies overrides per column and refuses bad ones, naming the column', () => {
    const { reference, current } = pair()
    const report = driftReport({ reference: { kind: 'dataset', table: reference }, current, options: { target: 'outcome', overrides: { sbp: { test: 'psi', threshold: 0.2 } } }, now: NOW })
    expect(report.columns[1]).toMatchObject({ name: 'sbp', test: 'psi', threshold: 0.2, overridden: true })
    expect(codeOf(() => driftReport({ reference: { kind: 'dataset', table: reference }, current, options: { overrides: { sex: { test: 'ks' } } } }))).toBe('drift/bad-override')
    expect(() => driftReport({ reference: { kind: 'dataset', table: reference }, current, options: { overrides: { weight: { threshold: 0.1 } } } })).toThrow(/"weight"/)
    expect(codeOf(() => driftReport({ reference: { kind: 'dataset', table: reference }, current, options: { columns: ['nope'] } }))).toBe('drift/unknown-column')
  })

  it('names a missing column, still reports the rest, and leaves it out of the share', () => {
    const { reference, current } = pair()
    const without = table('cur.csv', current.columns.filter((c) => c.name !== 'sbp'))
    const report = driftReport({ reference: { kind: 'dataset', table: reference }, current: without, options: { target: 'outcome' }, now: NOW })
    expect(report.missingColumns).toEqual(['sbp'])
    expect(report.columns[1]).toMatchObject({ name: 'sbp', drifted: false, statistic: null, problem: { code: 'drift/missing-column' } })
    expect(report.share).toBe(1 / 2)
    expect(report.warnings.join(' ')).toMatch(/missing from the current data: sbp/)
  })

  it('a changed type is its own drift; an all-missing column is reported', () => {
    const { reference, current } = pair()
    const changed = table('cur.csv', [categoryColumn('age', Array.from({ length: 500 }, () => 'fifty')), numberColumn('sbp', new Array(500).fill(null)), current.columns[2]])
    const report = driftReport({ reference: { kind: 'dataset', table: reference }, current: changed, options: { target: 'outcome' }, now: NOW })
    expect(report.columns.map((c) => [c.name, c.problem?.code ?? null, c.drifted])).toEqual([
      ['age', 'drift/type-changed', true],
      ['sbp', 'drift/all-missing', true],
      ['sex', null, false],
    ])
    expect(report.share).toBe(2 / 3)
    expect(report.datasetDrift).toBe(true)
  })

  it('an empty current file: every row says so, no dataset drift, a warning', () => {
    const { reference } = pair()
    const empty = table('empty.csv', [numberColumn('age', []), numberColumn('sbp', []), categoryColumn('sex', [])])
    const report = driftReport({ reference: { kind: 'dataset', table: reference }, current: empty, options: { target: 'outcome' }, now: NOW })
    expect(report.columns.every((c) => c.problem?.code === 'drift/empty-current' && !c.drifted)).toBe(true)
    expect(report).toMatchObject({ share: 0, datasetDrift: false })
    expect(report.warnings[0]).toMatch(/no rows/)
  })

  it('gives each column what columnDriftVsDataset gives it alone (the shared sort buffer of wide reports changes nothing)', () => {
    const big = (seed: number, shift: number): Table =>
      table(`t${seed}`, [numberColumn('a', normals(6000, shift, 1, seed)), numberColumn('b', normals(5000, 0, 2, seed + 1).concat(new Array(1000).fill(null)))])
    const reference = big(1, 0)
    const current = big(3, 0.2)
    const report = driftReport({ reference: { kind: 'dataset', table: reference }, current, now: NOW })
    expect(report.columns).toEqual(reference.columns.map((c, j) => columnDriftVsDataset(c, current.columns[j])))
  })

  it('refuses an empty reference', () => {
    const { current } = pair()
    expect(codeOf(() => driftReport({ reference: { kind: 'dataset', table: table('r', [numberColumn('age', [])]) }, current }))).toBe('drift/empty-reference')
  })
})

describe('driftReportJson', () => {
  it('writes a stable document with the CLI’s keys in every column row', () => {
    const { reference, current } = pair()
    const without = table('cur.csv', current.columns.filter((c) => c.name !== 'sbp'))
    const report = driftReport({ reference: { kind: 'dataset', table: reference }, current: without, options: { target: 'outcome' }, now: NOW })
    const json = driftReportJson(report)
    expect(json).toBe(driftReportJson(JSON.parse(json)))
    const doc = JSON.parse(json)
    expect(Object.keys(doc)).toEqual(['format', 'version', 'createdAt', 'reference', 'current', 'columns', 'share', 'driftShare', 'datasetDrift', 'missingColumns', 'extraColumns', 'prediction', 'performance', 'warnings'])
    for (const row of doc.columns) {
      expect(Object.keys(row).slice(0, 10)).toEqual(['name', 'kind', 'test', 'statistic', 'pValue', 'distance', 'threshold', 'psi', 'drifted', 'score'])
    }
    expect(doc.columns[1]).toMatchObject({ name: 'sbp', statistic: null, pValue: null, distance: null, psi: null, drifted: false })
    expect(json).toMatch(/^\{\n {2}"format"/)
  })
})

describe('driftReport against a model bundle', () => {
  const vitalsBundle = (): ModelBundle => parseBundle(goldenJson('v2-logistic-vitals.json'))

  it('cleans the current file as the model does, compares with its statistics, and adds prediction drift and performance', async () => {
    const vitals = await readTable('tests/golden/bundles/vitals.csv')
    const report = driftReport({ reference: { kind: 'bundle', bundle: vitalsBundle() }, current: vitals, now: NOW })
    expect(report.reference).toEqual({ source: 'bundle', name: 'vitals.csv', rows: 300 })
    // weight arrives as text ("79,1 kg") and is compared as the numbers the model saw.
    expect(report.columns.map((c) => [c.name, c.kind, c.test, c.binned])).toEqual([
      ['age', 'number', 'chi2', true],
      ['sex', 'binary', 'z', false],
      ['bp', 'category', 'chi2', true],
      ['weight', 'number', 'chi2', true],
      ['smoker', 'binary', 'z', false],
    ])
    expect(report.columns.every((c) => !c.drifted && c.problem === undefined)).toBe(true)
    expect(report.extraColumns).toEqual(['patient'])
    expect(report.prediction).toMatchObject({ name: 'prediction', kind: 'number', test: 'chi2', binned: true, drifted: false })
    expect(report.performance!.task).toBe('binary')
    expect(report.performance!.metrics[0]).toMatchObject({ name: 'accuracy', training: 0.76 })
    expect(report.performance!.metrics[0].current).toBeGreaterThan(0.6)
  })

  it('reports missing and retyped columns and still judges the rest', async () => {
    const vitals = await readTable('tests/golden/bundles/vitals.csv')
    const columns = vitals.columns.filter((c) => c.name !== 'bp').map((c) => (c.name === 'age' ? categoryColumn('age', Array.from({ length: vitals.rowCount }, (_, i) => (i % 2 ? 'old' : 'young'))) : c))
    const report = driftReport({ reference: { kind: 'bundle', bundle: vitalsBundle() }, current: { ...vitals, columns }, now: NOW })
    expect(report.columns.map((c) => [c.name, c.problem?.code ?? null])).toEqual([
      ['age', 'drift/type-changed'],
      ['sex', null],
      ['bp', 'drift/missing-column'],
      ['weight', null],
      ['smoker', null],
    ])
    expect(report.missingColumns).toEqual(['bp'])
    expect(report.prediction).toBeNull()
    expect(report.warnings.join(' ')).toMatch(/could not score the current data/)
  })

  it('refuses a version-1 bundle (no statistics) with drift/no-reference, saying to re-export', async () => {
    const v1 = parseBundle(goldenJson('v1-logistic-ms.json'))
    let error: unknown
    try {
      driftReport({ reference: { kind: 'bundle', bundle: v1 }, current: table('c', [numberColumn('age', [1])]) })
    } catch (e) {
      error = e
    }
    expect(errorCode(error)).toBe('drift/no-reference')
    expect((error as Error).message).toMatch(/re-export the model/)
  })

  it('with a dataset reference and a model, predicts both tables for prediction drift', async () => {
    const vitals = await readTable('tests/golden/bundles/vitals.csv')
    const half = (from: number, to: number): Table => ({
      name: `rows ${from}-${to}`,
      rowCount: to - from,
      columns: vitals.columns.map((c) => (c.type === 'number' ? { ...c, values: c.values.slice(from, to) } : { ...c, codes: c.codes.slice(from, to) })),
    })
    const report = driftReport({ reference: { kind: 'dataset', table: half(0, 200) }, current: half(200, 400), bundle: vitalsBundle(), now: NOW })
    expect(report.columns.map((c) => c.name)).toEqual(['patient', 'age', 'sex', 'bp', 'weight', 'smoker'])
    expect(report.prediction).toMatchObject({ name: 'prediction', test: 'ks', binned: false, referenceRows: 200, currentRows: 200 })
    expect(report.performance?.currentRows).toBeGreaterThan(150)
  })
})
