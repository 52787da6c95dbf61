import { describe, expect, it } from 'vitest'
import { successiveHalving } from '../../../../src/core/eval/halving'
import { gridCandidates, keepValid, randomCandidates, validateSpace } from '../../../../src/core/eval/search-space'
import { LogisticRegression } from '../../../../src/core/model/logistic'

describe('grid search', () => {
  it('enumerates exactly the product of the values', () => {
    const grid = gridCandidates({ C: { type: 'choice', values: [0.1, 1, 10] }, classWeight: { type: 'choice', values: ['none', 'balanced'] } })
    expect(grid).toHaveLength(6)
    expect(grid).toContainEqual({ C: 10, classWeight: 'balanced' })
    expect(new Set(grid.map((g) => JSON.stringify(g))).size).toBe(6)
  })

  it('spaces numeric ranges linearly or on a log scale', () => {
    expect(gridCandidates({ depth: { type: 'int', min: 2, max: 8, steps: 4 } }).map((c) => c.depth)).toEqual([2, 4, 6, 8])
    const logs = gridCandidates({ C: { type: 'float', min: 0.01, max: 100, log: true, steps: 5 } }).map((c) => c.C as number)
    ;[0.01, 0.1, 1, 10, 100].forEach((v, i) => expect(logs[i]).toBeCloseTo(v, 10))
  })
})

describe('random search', () => {
  it('respects ranges, is seeded and is log-uniform where asked', () => {
    const space = { C: { type: 'float' as const, min: 0.001, max: 1000, log: true }, depth: { type: 'int' as const, min: 2, max: 9 } }
    const a = randomCandidates(space, 400, 5)
    expect(randomCandidates(space, 400, 5)).toEqual(a)
    expect(randomCandidates(space, 400, 6)).not.toEqual(a)
    for (const c of a) {
      expect(c.C as number).toBeGreaterThanOrEqual(0.001)
      expect(c.C as number).toBeLessThanOrEqual(1000)
      expect(Number.isInteger(c.depth)).toBe(true)
      expect(c.depth as number).toBeGreaterThanOrEqual(2)
      expect(c.depth as number).toBeLessThanOrEqual(9)
    }
    // Log-uniform: about half the draws fall below the geometric middle (1), far more than a uniform draw would.
    const below = a.filter((c) => (c.C as number) < 1).length / a.length
    expect(below).toBeGreaterThan(0.4)
    expect(below).toBeLessThan(0.6)
  })
})

describe('search space checks', () => {
  it('names a bad range and a space with no valid combination', () => {
    expect(() => validateSpace({ C: { type: 'float', min: 10, max: 1 } })).toThrow('search: C has min 10 above max 1')
    expect(() => validateSpace({})).toThrow('search: the search space is empty')
    expect(() => keepValid(gridCandidates({ C: { type: 'choice', values: [-1, 0] } }), (c) => new LogisticRegression(c))).toThrow(
      /search: no combination in the search space is valid for this model \(logistic regression: C = -1 is invalid/,
    )
  })
})

describe('successive halving', () => {
  it('promotes the right candidates on a scripted objective', async () => {
    // Candidate i has true quality i; on a small share of data the score is noisy but ordered for the top ones.
    const candidates = Array.from({ length: 9 }, (_, i) => ({ q: i }))
    const calls: { i: number; share: number }[] = []
    const { rungs, best } = await successiveHalving(candidates, async (c, i, share) => {
      calls.push({ i, share })
      return (c.q as number) + (share < 1 ? (i % 2) * 0.5 : 0)
    }, { eta: 3 })
    expect(rungs.map((r) => r.candidates.length)).toEqual([9, 3, 1])
    expect(rungs[1].candidates.sort()).toEqual([6, 7, 8])
    expect(rungs.at(-1)!.share).toBe(1)
    expect(rungs[0].share).toBeLessThan(rungs[1].share)
    expect(best).toBe(8)
    expect(calls.filter((c) => c.share === 1)).toHaveLength(1)
  })

  it('ranks failed candidates (null) last', async () => {
    const { rungs } = await successiveHalving([{}, {}, {}, {}], async (_, i) => (i === 3 ? null : i), { eta: 2 })
    expect(rungs[1].candidates).not.toContain(3)
  })
})
