import { describe, expect, it } from 'vitest'
import { OutlierStep } from '../../../../src/core/pipeline/outliers'
import { FeaturePipeline } from '../../../../src/core/pipeline/pipeline'
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from '../../../../src/core/pipeline/config'
import { matrixColumn, num, table, values, viaJSON } from './tables'

describe('IQR bounds', () => {
  // Sorted [1, 2, 3, 4, 100]: Q1 = 2, Q3 = 4 (numpy linear), IQR = 2, bounds 2 − 3 and 4 + 3.
  const train = table(num('x', [3, 1, 100, 2, 4, null]))

  it('clip: values move to the nearer bound; missing stays missing', () => {
    const step = new OutlierStep([{ name: 'x', method: 'iqr', factor: 1.5, action: 'clip' }])
    step.fit(train)
    expect(step.boundsOf('x')).toEqual({ low: -1, high: 7 })
    expect(step.trainingRows()).toBeNull()
    expect(values(step.transform(train), 'x')).toEqual([3, 1, 7, 2, 4, NaN])
    expect(values(step.transform(table(num('x', [-50, 6.5, Infinity]))), 'x')).toEqual([-1, 6.5, NaN])
  })

  it('drop: fitting marks training rows outside the bounds; transform still clips and keeps every row', () => {
    const step = new OutlierStep([{ name: 'x', method: 'iqr', factor: 1.5, action: 'drop' }])
    step.fit(train)
    expect(Array.from(step.trainingRows()!)).toEqual([0, 1, 3, 4, 5])
    const later = step.transform(table(num('x', [1000, 2])))
    expect(values(later, 'x')).toEqual([7, 2])
  })

  it('a column with no value has no bounds and passes unchanged', () => {
    const step = new OutlierStep([{ name: 'x', method: 'iqr', factor: 1.5, action: 'drop' }])
    step.fit(table(num('x', [null, Infinity])))
    expect(step.boundsOf('x')).toEqual({ low: null, high: null })
    expect(step.trainingRows()).toBeNull()
    expect(values(step.transform(table(num('x', [5e9, null]))), 'x')).toEqual([5e9, NaN])
    expect(step.describe()[0].detail).toMatch(/no value in the 2 training rows/)
  })
})

describe('z-score bounds', () => {
  it('mean ± f · population std', () => {
    // mean 5, std 2 → with f = 1: [3, 7]
    const step = new OutlierStep([{ name: 'x', method: 'zscore', factor: 1, action: 'clip' }])
    step.fit(table(num('x', [2, 4, 4, 4, 5, 5, 7, 9, NaN, -Infinity])))
    expect(step.boundsOf('x')).toEqual({ low: 3, high: 7 })
    expect(values(step.transform(table(num('x', [2, 9, 6]))), 'x')).toEqual([3, 7, 6])
  })

  it('a constant column has no outliers', () => {
    const step = new OutlierStep([{ name: 'x', method: 'zscore', factor: 3, action: 'drop' }])
    step.fit(table(num('x', [4, 4, 4])))
    expect(step.trainingRows()).toBeNull()
  })

  it('rejects a factor that is not positive', () => {
    expect(() => new OutlierStep([{ name: 'x', method: 'zscore', factor: 0, action: 'clip' }])).toThrow('outliers: factor = 0 for "x" is invalid; expected a number > 0')
  })
})

describe('outlier dropping in the pipeline', () => {
  const config: PipelineConfig = { ...DEFAULT_PIPELINE_CONFIG, numeric: { ...DEFAULT_PIPELINE_CONFIG.numeric, outliers: 'iqr-drop', scale: 'none' }, selection: { varianceThreshold: null, correlationThreshold: null, topK: null } }
  const train = table(num('x', [3, 1, 100, 2, 4, null]), num('z', [1, 1, 1, 1, -40, 1]))

  it('removes training rows in fitTransform only and reports which rows remain', () => {
    const pipeline = FeaturePipeline.create(train, ['x', 'z'], config)
    const { X, rows } = pipeline.fitTransform(train)
    // Row 2 (x = 100) and row 4 (z = −40, outside [1, 1]) are dropped; the missing x of row 5 is no outlier.
    expect(Array.from(rows)).toEqual([0, 1, 3, 5])
    expect(X.rows).toBe(4)
    // The median fill comes from the rows that remain: [3, 1, 2] → 2.
    expect(matrixColumn(X, 0)).toEqual([3, 1, 2, 2])
    const later = pipeline.transform(train)
    expect(later.rows).toBe(6)
    expect(matrixColumn(later, 0)).toEqual([3, 1, 7, 2, 4, 2])
    expect(matrixColumn(later, 1)).toEqual([1, 1, 1, 1, 1, 1])
  })

  it('subsets the target with the rows', () => {
    const pipeline = FeaturePipeline.create(train, ['x'], { ...config, selection: { varianceThreshold: null, correlationThreshold: null, topK: 1 } }, 'regression')
    const { rows } = pipeline.fitTransform(train, Float64Array.of(0, 1, 2, 3, 4, 5))
    expect(Array.from(rows)).toEqual([0, 1, 3, 4, 5])
  })

  it('refuses to drop every training row', () => {
    const t = table(num('a', [0, 0, 0, 10]), num('b', [10, 0, 0, 0]), num('c', [0, 10, 0, 0]), num('d', [0, 0, 10, 0]))
    const pipeline = FeaturePipeline.create(t, ['a', 'b', 'c', 'd'], config)
    expect(() => pipeline.fitTransform(t)).toThrow('outliers: dropping outliers would remove all 4 training rows; raise the outlier factor or clip instead')
  })

  it('JSON round trip clips the same way', () => {
    const step = new OutlierStep([{ name: 'x', method: 'iqr', factor: 0.5, action: 'drop' }])
    step.fit(train)
    const again = OutlierStep.fromJSON(viaJSON(step.toJSON()))
    const probe = table(num('x', [-1e9, 0.1, 1e9, null]))
    expect(again.transform(probe)).toEqual(step.transform(probe))
    expect(again.describe()).toEqual(step.describe())
    expect(step.describe()[0].detail).toBe('x: bounds [1, 5] (Q1 − 0.5·IQR, Q3 + 0.5·IQR) from 5 training rows with a value; 1 training row outside dropped; rows transformed later are never dropped but clipped to the bounds')
  })
})
