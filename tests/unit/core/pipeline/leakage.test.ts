import { describe, expect, it } from 'vitest'
import { DEFAULT_PIPELINE_CONFIG, type PipelineConfig } from '../../../../src/core/pipeline/config'
import type { OneHotEncoder } from '../../../../src/core/pipeline/one-hot'
import type { Imputer } from '../../../../src/core/pipeline/imputer'
import type { OutlierStep } from '../../../../src/core/pipeline/outliers'
import { FeaturePipeline } from '../../../../src/core/pipeline/pipeline'
import type { Scaler } from '../../../../src/core/pipeline/scaler'
import type { Selector } from '../../../../src/core/pipeline/select'
import { createRandom } from '../../../../src/core/random'
import { takeRows } from '../../../../src/core/table/access'
import { holdoutSplit } from '../../../../src/core/train/split'
import { cat, num, table, values } from './tables'

/**
 * THE LEAKAGE TEST. A table whose held-out rows differ on purpose from its
 * training rows: every learned value must be the training rows' value, and a
 * feature that is informative only in the held-out rows must not be selected.
 */
const random = createRandom(2024)
const n = 800
const y = Float64Array.from({ length: n }, () => random.int(2))
const all = Int32Array.from({ length: n }, (_, i) => i)
const { train, test } = holdoutSplit(all, 0.25, 99, y)
const isTest = new Uint8Array(n)
for (const i of test) isTest[i] = 1

const data = table(
  // Held-out rows sit 50 higher: a scaler or bound that saw them would move.
  num('lab', Array.from({ length: n }, (_, i) => 10 + random.normal() + (isTest[i] ? 50 : 0))),
  num('hr', Array.from({ length: n }, (_, i) => 70 + 5 * random.normal() + (isTest[i] ? 50 : 0))),
  // Missing in some rows; held-out values are huge, so a median that saw them would move.
  num('bmi', Array.from({ length: n }, (_, i) => (random.next() < 0.2 ? null : isTest[i] ? 1000 + random.next() : 20 + 10 * random.next()))),
  // "Zurich" appears only in held-out rows.
  cat('site', Array.from({ length: n }, (_, i) => (isTest[i] && i % 3 === 0 ? 'Zurich' : ['Oslo', 'Lyon'][i % 2]))),
  // Weakly informative everywhere.
  num('signal', Array.from(y, (c) => 0.6 * c + random.normal())),
  // Noise in training rows, the class itself (far below or above the noise) in held-out rows.
  num('trap', Array.from({ length: n }, (_, i) => (isTest[i] ? (y[i] ? 30 : -30) : random.normal()))),
)
const trainTable = takeRows(data, train)
const yTrain = Float64Array.from(train, (i) => y[i])
const features = ['lab', 'hr', 'bmi', 'site', 'signal', 'trap']
const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length
const median = (v: number[]): number => {
  const s = v.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

describe('the pipeline learns from training rows only', () => {
  const config: PipelineConfig = { ...DEFAULT_PIPELINE_CONFIG, overrides: { lab: { outliers: 'iqr-clip' } }, selection: { varianceThreshold: 0, correlationThreshold: null, topK: 1 } }
  const pipeline = FeaturePipeline.create(trainTable, features, config, 'binary')
  pipeline.fitTransform(trainTable, yTrain)

  it('the scaler mean is the training rows\' mean, not the full-data mean', () => {
    const center = pipeline.step<Scaler>('scale')!.paramsOf('hr')!.center
    expect(center).toBeCloseTo(mean(values(trainTable, 'hr')), 12)
    expect(Math.abs(center - mean(values(data, 'hr')))).toBeGreaterThan(10)
  })

  it('the imputed median is the training rows\' median', () => {
    const fill = pipeline.step<Imputer>('impute')!.fillValue('bmi') as number
    expect(fill).toBe(median(values(trainTable, 'bmi')))
    expect(fill).toBeLessThan(30)
    expect(median(values(data, 'bmi'))).not.toBe(fill)
  })

  it('outlier bounds come from the training rows', () => {
    const { high } = pipeline.step<OutlierStep>('outliers')!.boundsOf('lab')!
    expect(high!).toBeLessThan(20)
    const sorted = values(trainTable, 'lab').sort((a, b) => a - b)
    const q = (p: number): number => {
      const h = (sorted.length - 1) * p
      const lo = Math.floor(h)
      return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo])
    }
    expect(high!).toBeCloseTo(q(0.75) + 1.5 * (q(0.75) - q(0.25)), 10)
  })

  it('categories come from the training rows', () => {
    const json = pipeline.step<OneHotEncoder>('one-hot')!.toJSON() as unknown as { columns: { categories: string[] }[] }
    expect(json.columns[0].categories).toEqual(['Lyon', 'Oslo'])
  })

  it('selection sees training rows only: the feature informative only in held-out rows is not selected', () => {
    expect(pipeline.step<Selector>('select')!.kept).toEqual(['signal'])
    expect(pipeline.featureNames).toEqual(['signal'])
    // Control: had selection seen every row, it would have picked the trap.
    const leaky = FeaturePipeline.create(data, features, config, 'binary')
    leaky.fitTransform(data, y)
    expect(leaky.featureNames).toEqual(['trap'])
  })

  it('changing held-out rows changes nothing that was learned', () => {
    const scrambled = takeRows(data, all)
    for (const column of scrambled.columns) {
      for (const i of test) {
        if (column.type === 'number') column.values[i] = column.values[i] * -7 + 3
        else column.codes[i] = -1
      }
    }
    const again = FeaturePipeline.create(takeRows(scrambled, train), features, config, 'binary')
    again.fitTransform(takeRows(scrambled, train), yTrain)
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(pipeline.toJSON()))
  })
})
