import { describe, expect, it } from 'vitest'
import { LevelPlan } from '../../../../../../src/core/model/tree/kernel/level-plan'

const units = (plan: LevelPlan) => Array.from({ length: plan.count }, (_, u) => [plan.item[u], plan.from[u], plan.to[u]])

describe('LevelPlan', () => {
  it('cuts a level that is one node into pieces of features of about equal cost, two per thread', () => {
    const plan = new LevelPlan(2)
    plan.plan(1, 16, () => 16, () => 1)
    expect(units(plan)).toEqual([
      [0, 0, 4],
      [0, 4, 8],
      [0, 8, 12],
      [0, 12, 16],
    ])
    // Uneven features: the cuts follow the cost, not the count (feature 0 alone is a quarter).
    plan.plan(1, 7, () => 16, (_, fi) => (fi === 0 ? 4 : 2))
    expect(plan.total).toBe(16)
    expect(units(plan).map(([, from, to]) => [from, to])).toEqual([
      [0, 1],
      [1, 3],
      [3, 5],
      [5, 7],
    ])
  })

  it('keeps small nodes whole and queues the largest units first, ties in plan order', () => {
    const plan = new LevelPlan(2)
    // Costs 12, 3, 1, 3, 1 over 4 features: a unit's target is 20 / 4 = 5; the 12 is cut in two (rounded 12 / 5), the 3s and 1s stay whole.
    const costs = [12, 3, 1, 3, 1]
    plan.plan(costs.length, 4, (i) => costs[i], (i) => costs[i] / 4)
    expect(units(plan)).toEqual([
      [0, 0, 2],
      [0, 2, 4],
      [1, 0, 4],
      [2, 0, 4],
      [3, 0, 4],
      [4, 0, 4],
    ])
    expect([...plan.queue.subarray(0, plan.count)]).toEqual([0, 1, 2, 4, 3, 5])
  })

  it('covers every feature of every item exactly once, ascending, whatever the mix and thread count', () => {
    for (const threads of [1, 2, 3, 5]) {
      const plan = new LevelPlan(threads)
      const items = 9
      const p = 13
      // Item 0 is most of the level (cut by features); the rest are small and uneven.
      const cost = (i: number, fi: number) => (i === 0 ? 40 : 1 + ((i * 7 + fi) % 5))
      plan.plan(items, p, (i) => Array.from({ length: p }, (_, fi) => cost(i, fi)).reduce((a, b) => a + b, 0), cost)
      const covered: number[][] = Array.from({ length: items }, () => [])
      for (const [item, from, to] of units(plan)) for (let f = from; f < to; f++) covered[item].push(f)
      for (const features of covered) expect(features).toEqual(Array.from({ length: p }, (_, f) => f))
      expect([...plan.queue.subarray(0, plan.count)].sort((a, b) => a - b)).toEqual(Array.from({ length: plan.count }, (_, u) => u))
      for (let k = 1; k < plan.count; k++) expect(plan.cost[plan.queue[k]]).toBeLessThanOrEqual(plan.cost[plan.queue[k - 1]])
      expect(plan.count).toBeLessThanOrEqual(2 * threads + 1.5 * items)
    }
  })
})
