import { describe, expect, it } from 'vitest'
import type { RecordsInput } from '../../../../../src/core/bundle/predict-types'
import type { TrainingRequest } from '../../../../../src/core/train/run-training'
import { MS_FEATURES, msSample, tableRecords, trainMs } from '../../bundle/helpers'
import { compareWithStudio, ONNX_TOLERANCE } from './helpers'

/**
 * Every family trained by core on the MS sample (with its proposed cleaning
 * recipe), exported, run in onnxruntime-node and compared with the studio's
 * Predictor on the same records — held-out style rows plus copies with
 * missing cells and a category never seen in training.
 */
const ms = await msSample()

function msRecords(): RecordsInput {
  const base = tableRecords(ms.table, Array.from({ length: 200 }, (_, i) => i * 7))
  const col = (name: string): number => base.columns.indexOf(name)
  const extra = base.rows.slice(0, 40).map((row, i) => {
    const copy = [...row]
    if (i % 4 === 0) copy[col('age')] = null
    if (i % 4 === 1) copy[col('gender')] = null
    if (i % 4 === 2) copy[col('ms_type')] = 'never-seen-type'
    if (i % 4 === 2) copy[col('treatment')] = 'Unheard-of-drug'
    if (i % 4 === 3) copy[col('lesion_volume_ml')] = null
    if (i % 5 === 0) copy[col('edss')] = null
    return copy
  })
  return { columns: base.columns, rows: [...base.rows, ...extra] }
}

const SMALL: Record<string, Record<string, unknown>> = {
  logistic: {},
  linreg: {},
  tree: { maxDepth: 6 },
  forest: { nTrees: 20 },
  gbdt: { nRounds: 40, earlyStoppingRounds: null },
  mlp: { hiddenLayers: [8, 4], epochs: 15, earlyStoppingPatience: 0 },
}

const binary = ['logistic', 'tree', 'forest', 'gbdt', 'mlp']
const multiclass = ['logistic', 'tree', 'forest', 'gbdt', 'mlp']
const regression = ['linreg', 'tree', 'forest', 'gbdt', 'mlp']

async function check(patch: Partial<TrainingRequest>): Promise<void> {
  const { bundle } = await trainMs(ms.table, ms.recipe, { params: SMALL[patch.family as string], ...patch })
  const result = await compareWithStudio(bundle, msRecords())
  expect(result.rows).toBeGreaterThan(200)
  expect(result.maxDiff).toBeLessThan(ONNX_TOLERANCE)
  expect(result.ties).toBe(0)
}

describe('ONNX export of every family on the MS sample, run in onnxruntime', () => {
  it.each(binary)('binary %s: the studio’s probabilities and labels', (family) => check({ family }))

  it('binary with a decision threshold: the label follows the threshold', () => check({ family: 'gbdt', evaluation: { threshold: 0.3 } }))

  it.each(multiclass)('multiclass %s (ms_type)', (family) =>
    check({ family, target: 'ms_type', task: 'multiclass', features: MS_FEATURES.filter((f) => f !== 'ms_type').concat('treatment_response') }))

  it.each(regression)('regression %s (edss)', (family) =>
    check({ family, target: 'edss', task: 'regression', features: MS_FEATURES.filter((f) => f !== 'edss').concat('treatment_response') }))
})
