import { describe, expect, it } from 'vitest'
import type { RowExplanation } from '../../../src/core/explain/types'
import { contributionDetail, methodLabel, spaceLabel, waterfallData } from '../../../src/ui/predict/waterfall-data'

const explanation = (contributions: Record<string, number>, patch: Partial<RowExplanation> = {}): RowExplanation => ({
  method: 'tree-shap',
  space: 'log-odds',
  expectedValue: 0.5,
  contributions,
  forClass: '1',
  ...patch,
})

describe('waterfallData', () => {
  it('orders inputs by the size of their contribution (ties by name) and ends at the expected value plus every contribution', () => {
    const data = waterfallData(explanation({ age: -0.25, bmi: 1, updrs: 0.25, moca: -2 }))
    expect(data.bars.map((b) => b.name)).toEqual(['moca', 'bmi', 'age', 'updrs'])
    expect(data.expectedValue).toBe(0.5)
    expect(data.total).toBe(0.5 - 0.25 + 1 + 0.25 - 2)
  })

  it('folds the smallest inputs into one bar past maxBars, so the bars still add up to the total', () => {
    const contributions = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`x${String(i).padStart(2, '0')}`, (i + 1) * (i % 2 ? -0.125 : 0.125)]))
    const data = waterfallData(explanation(contributions), 5)
    expect(data.bars).toHaveLength(5)
    expect(data.bars.slice(0, 4).map((b) => b.name)).toEqual(['x19', 'x18', 'x17', 'x16'])
    expect(data.bars[4].name).toBe('16 other inputs')
    const sum = data.bars.reduce((s, b) => s + b.contribution, data.expectedValue)
    expect(sum).toBeCloseTo(data.total, 12)
  })
})

describe('methodLabel and spaceLabel', () => {
  it('names the method as the page promises: exact TreeSHAP, exact (linear), a sampling approximation with its standard error', () => {
    expect(methodLabel(explanation({}))).toBe('exact TreeSHAP')
    expect(methodLabel(explanation({}, { method: 'linear' }))).toBe('exact (linear)')
    expect(methodLabel(explanation({}, { method: 'sampling', approximation: { samples: 2000, standardError: 0.0123, standardErrors: {} } }))).toBe(
      'sampling approximation ± 0.012 (the largest standard error of a contribution, 2,000 samples)',
    )
  })

  it('says what the numbers are in', () => {
    expect(spaceLabel(explanation({}), 'Diagnosis')).toBe('log-odds of “1”')
    expect(spaceLabel(explanation({}, { space: 'margin', forClass: 'SPMS' }), 'ms_type')).toBe('the model\'s score for “SPMS”')
    expect(spaceLabel(explanation({}, { space: 'probability', forClass: '0' }), 'Diagnosis')).toBe('probability of “0”')
    expect(spaceLabel(explanation({}, { space: 'value', forClass: undefined }), 'UPDRS')).toBe('units of UPDRS')
  })
})

describe('contributionDetail', () => {
  const format = (v: number) => String(v)

  it('a linear model: per unit × (the value the model saw − the training mean), the value recovered from the contribution', () => {
    const linear = explanation({ Age: 0.42, BMI: 0 }, { method: 'linear', units: { Age: { perUnit: 0.021, reference: 51 }, BMI: { perUnit: 0, reference: 27 } } })
    expect(contributionDetail(linear, 'Age', (v) => v.toFixed(3))).toBe('0.021 per unit × (71.000 − 51.000, the training mean)')
    expect(contributionDetail(linear, 'BMI', format)).toBeNull()
  })

  it('a sampled contribution: its standard error; TreeSHAP and the folded bar: nothing', () => {
    const sampled = explanation({ Age: 0.3 }, { method: 'sampling', approximation: { samples: 128, standardError: 0.02, standardErrors: { Age: 0.0049 } } })
    expect(contributionDetail(sampled, 'Age', format)).toBe('± 0.0049 (standard error)')
    expect(contributionDetail(sampled, '3 other inputs', format)).toBeNull()
    expect(contributionDetail(explanation({ Age: 1 }), 'Age', format)).toBeNull()
  })
})
