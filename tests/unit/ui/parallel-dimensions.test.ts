import { describe, expect, it } from 'vitest'
import type { RunRecord } from '../../../src/services/storage/runs'
import { parallelDimensions, tickFormat } from '../../../src/ui/runs/parallel-dimensions'

function run(params: Record<string, unknown>, auc: number, family = 'logistic'): RunRecord {
  return { family, params, metrics: { auc }, cv: null } as unknown as RunRecord
}

describe('parallel coordinates of compared runs', () => {
  it('keeps only the parameters every run has and sets differently, then the metric', () => {
    const runs = [run({ C: 1, penalty: 'l2', maxIterations: 500, seed: 3 }, 0.9081), run({ C: 0.1, penalty: 'l1', maxIterations: 500 }, 0.9087), run({ C: 10, penalty: 'l2', maxIterations: 500 }, 0.9083)]
    const dims = parallelDimensions(runs)
    expect(dims.map((d) => d.label)).toEqual(['C', 'penalty', 'ROC AUC'])
    expect(dims[0].values).toEqual([1, 0.1, 10])
    // A choice is drawn at labelled positions.
    expect(dims[1]).toMatchObject({ values: [1, 0, 1], tickvals: [0, 1], ticktext: ['l1', 'l2'] })
    expect(dims[2].values).toEqual([0.9081, 0.9087, 0.9083])
  })

  it('has the model family, not the parameters of one family, when the runs mix families', () => {
    const dims = parallelDimensions([run({ C: 1 }, 0.8), run({ maxDepth: 3 }, 0.7, 'gbdt'), run({ C: 2 }, 0.75)])
    expect(dims.map((d) => d.label)).toEqual(['Model', 'ROC AUC'])
    expect(dims[0]).toMatchObject({ values: [1, 0, 1], ticktext: ['Gradient boosting', 'Logistic regression'] })
    // Runs of one family with nothing else differing: the metric alone, which is no chart.
    expect(parallelDimensions([run({ C: 1 }, 0.8), run({ C: 1 }, 0.7)]).map((d) => d.label)).toEqual(['ROC AUC'])
  })

  it('gives close values enough decimals to tell ticks apart, and wide ranges three significant digits', () => {
    expect(tickFormat([0.9081, 0.9087])).toBe('.5f')
    expect(tickFormat([0.71, 0.93])).toBe('.2f')
    expect(tickFormat([0.1, 10])).toBe('.3~g')
    expect(tickFormat([5, 5])).toBe('.3~g')
  })
})
