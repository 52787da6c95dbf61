import { describe, expect, it } from 'vitest'
import {
  columnVerdict,
  comparedColumns,
  driftCounts,
  formatStat,
  judgeText,
  parseDriftShare,
  parseOverride,
  problemGroups,
  sortedColumns,
  testsFor,
  verdictSentence,
} from '../../../src/state/drift-view'
import { column, report } from './drift-fixtures'

describe('the Monitor page’s reading of a drift report', () => {
  const age = column('Age', { drifted: true, score: 3.2, pValue: 1e-8 })
  const bmi = column('BMI', { drifted: true, score: 1.4, test: 'wasserstein', pValue: null, distance: 0.14, threshold: 0.1 })
  const sex = column('Sex', { kind: 'binary', test: 'z', score: 0.2 })
  const gone = column('Smoking', { score: 0, distribution: null, problem: { code: 'drift/missing-column', message: 'not in the current file' } })
  const typed = column('Lab', { drifted: true, score: 1, problem: { code: 'drift/type-changed', message: 'numbers became text' } })
  const r = report([sex, gone, bmi, typed, age], { share: 0.75, datasetDrift: true })

  it('sorts the most drifted first as the HTML report does: by score, ties by name, no score last', () => {
    expect(sortedColumns(r.columns).map((c) => c.name)).toEqual(['Age', 'BMI', 'Lab', 'Sex', 'Smoking'])
    const tied = [column('b', { score: 1 }), column('c', { score: Number.NaN }), column('a', { score: 1 })]
    expect(sortedColumns(tied).map((c) => c.name)).toEqual(['a', 'b', 'c'])
  })

  it('counts over the compared columns: a missing column is left out, a changed type counts as drifted', () => {
    expect(comparedColumns(r).map((c) => c.name)).toEqual(['Sex', 'BMI', 'Lab', 'Age'])
    expect(driftCounts(r)).toEqual({ drifted: 3, compared: 4 })
    // No values on one side: counted only when core judged it drifted.
    const empty = column('Empty', { problem: { code: 'drift/all-missing', message: 'no values' } })
    const emptied = column('Emptied', { drifted: true, problem: { code: 'drift/all-missing', message: 'no current values' } })
    expect(comparedColumns(report([age, empty, emptied])).map((c) => c.name)).toEqual(['Age', 'Emptied'])
    expect(columnVerdict(empty)).toBe('Not compared')
    expect(columnVerdict(emptied)).toBe('Drifted')
  })

  it('puts the dataset verdict in words with the counts and the rule', () => {
    expect(verdictSentence(r)).toBe('The data has drifted: 3 of 4 compared columns (75%) have drifted, at or above the 50% that counts as dataset drift.')
    const calm = report([column('Age', { drifted: true }), column('BMI'), column('Sex')], { share: 1 / 3, driftShare: 0.6 })
    expect(verdictSentence(calm)).toBe('No dataset drift: 1 of 3 compared columns (33.3%) has drifted, below the 60% that counts as dataset drift.')
  })

  it('names problem columns by what is wrong', () => {
    expect(problemGroups(r)).toEqual([
      { code: 'drift/missing-column', label: 'Missing from the current file', columns: ['Smoking'] },
      { code: 'drift/type-changed', label: 'Type changed (numbers in one file, text in the other)', columns: ['Lab'] },
    ])
    expect(columnVerdict(gone)).toBe('Missing')
    expect(columnVerdict(typed)).toBe('Drifted')
    expect(columnVerdict(sex)).toBe('No drift')
  })

  it('says what a verdict was judged by: a p-value below its cut-off, or a distance from its threshold', () => {
    expect(judgeText(age)).toBe('p = 1.00e-8 (drift below 0.05)')
    expect(judgeText(bmi)).toBe('0.14 (drift from 0.1)')
    expect(formatStat(null)).toBe('—')
    expect(formatStat(0.123456)).toBe('0.1235')
    expect(formatStat(12345.678)).toBe('12350')
  })

  it('reads an override form: blanks keep the default, a bad threshold is named', () => {
    expect(parseOverride('', '', 'ks')).toEqual({ override: null })
    expect(parseOverride('psi', '', 'ks')).toEqual({ override: { test: 'psi' } })
    expect(parseOverride('', '0.2', 'wasserstein')).toEqual({ override: { threshold: 0.2 } })
    expect(parseOverride('ks', ' 0.01 ', 'ks')).toEqual({ override: { test: 'ks', threshold: 0.01 } })
    expect(parseOverride('ks', '1.5', 'psi')).toEqual({ error: 'A p-value threshold must be below 1; 1.5 is not.' })
    expect(parseOverride('', '1.5', 'z')).toEqual({ error: 'A p-value threshold must be below 1; 1.5 is not.' })
    expect(parseOverride('', '1.5', 'wasserstein')).toEqual({ override: { threshold: 1.5 } })
    expect(parseOverride('wasserstein', '1.5', 'ks')).toEqual({ override: { test: 'wasserstein', threshold: 1.5 } })
    expect(parseOverride('', 'abc', 'ks')).toEqual({ error: 'The threshold must be a number above 0; “abc” is not.' })
    expect(parseOverride('psi', '0', 'ks')).toEqual({ error: 'The threshold must be a number above 0; “0” is not.' })
  })

  it('offers the tests that fit a column: no KS test on a model’s binned summary, the z-test only for two values', () => {
    expect(testsFor({ kind: 'number', binned: false })).toEqual(['ks', 'wasserstein', 'chi2', 'jensenshannon', 'psi'])
    expect(testsFor({ kind: 'number', binned: true })).toEqual(['wasserstein', 'chi2', 'jensenshannon', 'psi'])
    expect(testsFor({ kind: 'category', binned: true })).toEqual(['chi2', 'jensenshannon', 'psi'])
    expect(testsFor({ kind: 'binary', binned: false })).toEqual(['z', 'chi2', 'jensenshannon', 'psi'])
  })

  it('reads the dataset drift share as a percentage', () => {
    expect(parseDriftShare('50')).toEqual({ share: 0.5 })
    expect(parseDriftShare(' 100 ')).toEqual({ share: 1 })
    expect(parseDriftShare('0')).toEqual({ error: 'Enter a percentage from 1 to 100; “0” is not.' })
    expect(parseDriftShare('')).toEqual({ error: 'Enter a percentage from 1 to 100; “” is not.' })
    expect(parseDriftShare('150')).toEqual({ error: 'Enter a percentage from 1 to 100; “150” is not.' })
  })
})
