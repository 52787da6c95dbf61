import { describe, expect, it } from 'vitest'
import { histogramLayout } from '../../../../../src/core/model/tree/histogram'
import { emptySplit, evaluateFeature, leafValue, nodeScore, thresholdL1, type SplitConstraints } from '../../../../../src/core/model/tree/splitter'

/** One feature's histogram from (G, H, count) per value bin plus the missing bin. */
function histogramFrom(bins: [number, number, number][], missing: [number, number, number] = [0, 0, 0]) {
  const nBins = Int32Array.of(bins.length)
  const layout = histogramLayout(nBins, 1)
  const hist = Float64Array.from([...bins, missing].flat())
  const sums = [...bins, missing].reduce((a, b) => [a[0] + b[0], a[1] + b[1], a[2] + b[2]], [0, 0, 0])
  return { layout, hist, nb: bins.length, G: Float64Array.of(sums[0]), H: sums[1], C: sums[2] }
}

const loose: SplitConstraints = { lambda: 1, alpha: 0, minChildWeight: 0, minSamplesLeaf: 1 }

function best(h: ReturnType<typeof histogramFrom>, c: SplitConstraints) {
  const split = emptySplit(1)
  evaluateFeature(h.hist, h.layout, 0, h.nb, h.G, h.H, h.C, nodeScore(h.G, h.H, c.lambda, c.alpha), c, split, new Float64Array(2))
  return split
}

describe('leaf values and scores (XGBoost formulas)', () => {
  it('soft-thresholds gradients by alpha', () => {
    expect([thresholdL1(-6, 2), thresholdL1(1.5, 2), thresholdL1(5, 2)]).toEqual([-4, 0, 3])
  })

  it('leaf value = -T(G)/(H + lambda)', () => {
    expect(leafValue(-6, 4, 1, 0)).toBeCloseTo(1.2, 15)
    expect(leafValue(-6, 4, 1, 2)).toBeCloseTo(0.8, 15)
    expect(leafValue(8, 4, 1, 0)).toBeCloseTo(-1.6, 15)
    expect(leafValue(1.5, 4, 1, 2)).toBe(-0)
    expect(leafValue(3, 0, 0, 0)).toBe(0)
  })

  it('score = Σ T(G)²/(H + lambda)', () => {
    expect(nodeScore([2], 8, 1, 0)).toBeCloseTo(4 / 9, 15)
    expect(nodeScore([2, -3], 8, 1, 1)).toBeCloseTo((1 + 4) / 9, 15)
  })
})

describe('best split of a node', () => {
  // Bins (G, H, count): node G = 2, H = 8, 8 rows; with lambda 1 the parent score is 4/9.
  //   after bin 0: 16/3 + 36/7 - 4/9 = 10.03…   after bin 1: 36/5 + 64/5 - 4/9 = 19.55…   after bin 2: 9/7 + 25/3 - 4/9 = 9.17…
  const bins: [number, number, number][] = [
    [-4, 2, 2],
    [-2, 2, 2],
    [3, 2, 2],
    [5, 2, 2],
  ]

  it('picks the split with the largest gain and reports its left sums', () => {
    const split = best(histogramFrom(bins), loose)
    expect(split).toMatchObject({ feature: 0, bin: 1, leftH: 4, leftCount: 4 })
    expect(split.gain).toBeCloseTo(20 - 4 / 9, 12)
    expect(split.leftG[0]).toBe(-6)
  })

  it('applies alpha inside the gain', () => {
    const split = best(histogramFrom(bins), { ...loose, alpha: 1 })
    // T(-6) = -5, T(8) = 7, T(2) = 1: 25/5 + 49/5 - 1/9.
    expect(split.bin).toBe(1)
    expect(split.gain).toBeCloseTo(14.8 - 1 / 9, 12)
  })

  it('learns to send missing values left when that gains more', () => {
    // Missing rows (G -3, H 1) look like the left side: with them left, bin 1 gains 81/6 + 64/5 - 1/10 = 26.2.
    const split = best(histogramFrom(bins, [-3, 1, 1]), loose)
    expect(split).toMatchObject({ bin: 1, defaultLeft: true, leftH: 5, leftCount: 5 })
    expect(split.gain).toBeCloseTo(26.2, 12)
  })

  it('learns to send missing values right when they look like the right side', () => {
    const split = best(histogramFrom(bins, [6, 1, 1]), loose)
    expect(split).toMatchObject({ bin: 1, defaultLeft: false, leftH: 4 })
  })

  it('can split missing values from all others', () => {
    const split = best(histogramFrom([[1, 4, 4], [1, 4, 4]], [-10, 2, 2]), loose)
    expect(split).toMatchObject({ bin: 1, defaultLeft: false, leftCount: 8 })
  })

  it('without missing rows, sends future missing values to the child with more rows', () => {
    expect(best(histogramFrom([[-9, 5, 5], [1, 1, 1], [8, 2, 2]]), loose)).toMatchObject({ bin: 0, defaultLeft: true })
    expect(best(histogramFrom([[-9, 1, 1], [1, 5, 5], [8, 2, 2]]), loose)).toMatchObject({ defaultLeft: false })
  })

  it('respects minimum rows and hessian per child', () => {
    expect(best(histogramFrom(bins), { ...loose, minSamplesLeaf: 3 }).bin).toBe(1)
    expect(best(histogramFrom(bins), { ...loose, minSamplesLeaf: 5 }).feature).toBe(-1)
    expect(best(histogramFrom(bins), { ...loose, minChildWeight: 4.5 }).feature).toBe(-1)
    // Only "after bin 0" leaves 2 rows left; with min hessian 2 both remaining candidates pass.
    const skewed = histogramFrom([[-10, 1, 1], [-1, 3, 3], [5, 3, 3]])
    expect(best(skewed, loose).bin).toBe(0)
    expect(best(skewed, { ...loose, minChildWeight: 2 }).bin).toBe(1)
  })

  it('ignores empty bins: a split after an empty bin is the same partition', () => {
    const split = best(histogramFrom([[-4, 2, 2], [0, 0, 0], [-2, 2, 2], [3, 2, 2], [5, 2, 2]]), loose)
    expect(split.bin).toBe(2)
    expect(split.gain).toBeCloseTo(20 - 4 / 9, 12)
  })
})
