import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { Imputer, type ImputeSpec } from '../../../../src/core/pipeline/imputer'
import type { CategoryColumn } from '../../../../src/core/types'
import { cat, num, table, values, viaJSON, type PipelineFixture } from './tables'

const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/reference/pipeline.json', import.meta.url), 'utf8')) as PipelineFixture

const numberSpec = (name: string, strategy: ImputeSpec['strategy'], extra: Partial<ImputeSpec> = {}): ImputeSpec => ({ name, type: 'number', strategy, indicator: false, ...extra })
const categorySpec = (name: string, strategy: ImputeSpec['strategy'], extra: Partial<ImputeSpec> = {}): ImputeSpec => ({ name, type: 'category', strategy, indicator: false, ...extra })
const texts = (column: CategoryColumn): (string | null)[] => Array.from(column.codes, (c) => (c < 0 ? null : column.levels[c]))

describe('numeric imputation', () => {
  const train = table(num('x', [1, null, 3, 10, 3]))

  it.each([
    ['median', 3],
    ['mean', 17 / 4],
    ['most-frequent', 3],
  ] as const)('%s fills from the training rows', (strategy, fill) => {
    const step = new Imputer([numberSpec('x', strategy)])
    step.fit(train)
    expect(step.fillValue('x')).toBe(fill)
    expect(values(step.transform(train), 'x')).toEqual([1, fill, 3, 10, 3])
    expect(values(step.transform(table(num('x', [null, 99]))), 'x')).toEqual([fill, 99])
  })

  it('constant fills with the given number, none leaves NaN', () => {
    const constant = new Imputer([numberSpec('x', 'constant', { fillValue: -1 })])
    constant.fit(train)
    expect(values(constant.transform(train), 'x')).toEqual([1, -1, 3, 10, 3])
    const none = new Imputer([numberSpec('x', 'none', { indicator: true })])
    none.fit(train)
    const out = none.transform(train)
    expect(values(out, 'x')).toEqual([1, NaN, 3, 10, 3])
    expect(values(out, 'x__missing')).toEqual([0, 1, 0, 0, 0])
  })

  it('the missing indicator is set before filling and sits right after its column', () => {
    const step = new Imputer([numberSpec('x', 'median', { indicator: true })])
    step.fit(table(num('x', [1, null, 3]), num('y', [0, 0, 0])))
    const out = step.transform(table(num('x', [null, 5, null]), num('y', [1, 2, 3])))
    expect(out.columns.map((c) => c.name)).toEqual(['x', 'x__missing', 'y'])
    expect(values(out, 'x')).toEqual([2, 5, 2])
    expect(values(out, 'x__missing')).toEqual([1, 0, 1])
  })

  it('±Infinity is missing: ignored when fitting, filled and flagged when transforming', () => {
    const step = new Imputer([numberSpec('x', 'mean', { indicator: true })])
    step.fit(table(num('x', [2, Infinity, 4, -Infinity])))
    expect(step.fillValue('x')).toBe(3)
    const out = step.transform(table(num('x', [Infinity, 1, -Infinity])))
    expect(values(out, 'x')).toEqual([3, 1, 3])
    expect(values(out, 'x__missing')).toEqual([1, 0, 1])
    const none = new Imputer([numberSpec('x', 'none', { indicator: true })])
    none.fit(table(num('x', [1])))
    expect(values(none.transform(table(num('x', [Infinity]))), 'x')).toEqual([NaN])
  })

  it('an all-missing column falls back to 0 and is reported', () => {
    const step = new Imputer([numberSpec('x', 'median'), numberSpec('y', 'mean')])
    step.fit(table(num('x', [null, null]), num('y', [1, 2])))
    expect(step.emptyColumns).toEqual(['x'])
    expect(values(step.transform(table(num('x', [null, 4]), num('y', [null, 1]))), 'x')).toEqual([0, 4])
    expect(step.describe()[0].detail).toBe('x: missing in all 2 training rows, so no median can be learned; missing cells get 0 instead')
  })

  it('matches scikit-learn SimpleImputer statistics (median, mean, most_frequent)', () => {
    const X = fixture.scalers.X
    const t = table(...[0, 1, 2].map((j) => num(`c${j}`, X.map((row) => row[j]))))
    for (const [strategy, key] of [['median', 'median'], ['mean', 'mean'], ['most-frequent', 'most_frequent']] as const) {
      const step = new Imputer([0, 1, 2].map((j) => numberSpec(`c${j}`, strategy)))
      step.fit(t)
      fixture.scalers.imputer[key].forEach((expected, j) => expect(step.fillValue(`c${j}`)).toBeCloseTo(expected, 12))
    }
  })
})

describe('category imputation', () => {
  const train = table(cat('g', ['b', null, 'a', 'b', 'a', 'c']))

  it('most frequent, ties alphabetical', () => {
    const step = new Imputer([categorySpec('g', 'most-frequent')])
    step.fit(train)
    expect(step.fillValue('g')).toBe('a')
    expect(texts(step.transform(train).columns[0] as CategoryColumn)).toEqual(['b', 'a', 'a', 'b', 'a', 'c'])
  })

  it('constant adds its value as a level when it is new; none keeps missing', () => {
    const step = new Imputer([categorySpec('g', 'constant', { fillValue: 'unknown', indicator: true })])
    step.fit(train)
    const out = step.transform(train)
    expect(texts(out.columns[0] as CategoryColumn)).toEqual(['b', 'unknown', 'a', 'b', 'a', 'c'])
    expect(values(out, 'g__missing')).toEqual([0, 1, 0, 0, 0, 0])
    const none = new Imputer([categorySpec('g', 'none', { indicator: true })])
    none.fit(train)
    expect(texts(none.transform(train).columns[0] as CategoryColumn)).toEqual(['b', null, 'a', 'b', 'a', 'c'])
  })

  it('an all-missing column falls back to "missing"', () => {
    const step = new Imputer([categorySpec('g', 'most-frequent')])
    step.fit(table(cat('g', [null, null])))
    expect(step.emptyColumns).toEqual(['g'])
    expect(texts(step.transform(table(cat('g', [null, 'z']))).columns[0] as CategoryColumn)).toEqual(['missing', 'z'])
  })

  it('rejects median for a category column and a text constant for a number column', () => {
    expect(() => new Imputer([categorySpec('g', 'median')])).toThrow('impute: strategy "median" for category column "g" is invalid; expected one of most-frequent, constant, none')
    expect(() => new Imputer([numberSpec('x', 'constant', { fillValue: 'zero' })])).toThrow('impute: constant fill "zero" for "x" is invalid; expected a number')
  })
})

describe('imputer JSON', () => {
  it('round-trips to the same transformation', () => {
    const step = new Imputer([numberSpec('x', 'mean', { indicator: true }), categorySpec('g', 'most-frequent')])
    const t = table(num('x', [0.1, 0.2, null, 0.7]), cat('g', ['u', null, 'v', 'v']))
    step.fit(t)
    const again = Imputer.fromJSON(viaJSON(step.toJSON()))
    expect(again.transform(t)).toEqual(step.transform(t))
    expect(again.describe()).toEqual(step.describe())
  })

  it('reads the first bundle version', () => {
    const legacy = { kind: 'impute', numeric: 'median', columns: ['x', 'g'], fills: { x: 2.5, g: 'a' } }
    const step = Imputer.fromJSON(legacy)
    const out = step.transform(table(num('x', [null, 1]), cat('g', [null, 'b'])))
    expect(values(out, 'x')).toEqual([2.5, 1])
    expect(texts(out.columns[1] as CategoryColumn)).toEqual(['a', 'b'])
  })

  it('describes what it learned in plain words', () => {
    const step = new Imputer([numberSpec('BMI', 'median', { indicator: true })])
    step.fit(table(num('BMI', [20, 30, null, 25])))
    expect(step.describe()).toEqual([{ step: 'impute', columns: ['BMI', 'BMI__missing'], detail: 'BMI: median 25 from the 3 of 4 training rows with a value; adds BMI__missing (1 = missing, 0 = present), set before filling' }])
  })
})
