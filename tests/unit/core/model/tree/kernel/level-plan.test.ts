import { describe, expect, it } from 'vitest'
import { LevelPlan } from '../../../../../../src/core/model/tree/kernel/level-plan'

/** Every item's features [0, p) covered once, by units made in ascending feature order. */
function coverage(plan: LevelPlan, items: number): number[][] {
  const covered: number[][] = Array.from({ length: items }, () => [])
  for (let u = 0; u < plan.count; u++) for (let f = plan.from[u]; f < plan.to[u]; f++) covered[plan.item[u]].push(f)
  return covered
}

describe('LevelPlan', () => {
  it('cuts a level that is one large node by features, one share per thread in proportion to the speeds', () => {
    const plan = new LevelPlan(2)
    plan.plan(1, 10, () => 1, Float64Array.of(1, 1))
    expect([...plan.item.subarray(0, plan.count)]).toEqual([0, 0])
    expect([plan.from[0], plan.to[0], plan.thread[0]]).toEqual([0, 5, 0])
    expect([plan.from[1], plan.to[1], plan.thread[1]]).toEqual([5, 10, 1])
    expect([...plan.load]).toEqual([5, 5])
    // A helper measured three times as fast gets three quarters of the features.
    plan.plan(1, 8, () => 1, Float64Array.of(1, 3))
    expect([plan.from[0], plan.to[0], plan.from[1], plan.to[1]]).toEqual([0, 2, 2, 8])
  })

  it('gives small nodes whole to the thread that finishes them first, largest first', () => {
    const plan = new LevelPlan(2)
    // Item costs 6, 5, 4, 3, 2, then six of 5 (3 features each): 50 in all, none over a quarter of a thread's 25.
    const costs = [6, 5, 4, 3, 2, 5, 5, 5, 5, 5, 5]
    plan.plan(costs.length, 3, (i) => costs[i] / 3, Float64Array.of(1, 1))
    expect(plan.count).toBe(costs.length)
    for (let u = 0; u < plan.count; u++) expect([plan.from[u], plan.to[u]]).toEqual([0, 3])
    // Largest first (ties by item): 6 → 0; the 5s alternate from thread 1; then 4 → 1, 3 → 0, and 2 → 0 on a tie (26 against 26: the first).
    const threadOf = (item: number) => plan.thread[[...plan.item.subarray(0, plan.count)].indexOf(item)]
    expect(costs.map((_, i) => threadOf(i))).toEqual([0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0])
    expect(plan.load[0]).toBeCloseTo(26)
    expect(plan.load[1]).toBeCloseTo(24)
    // Grouped by thread, in plan order within a thread.
    const runs = [0, 1].map((t) => [...plan.byThread.subarray(plan.edges[t], plan.edges[t + 1])].map((u) => plan.item[u]))
    expect(runs).toEqual([
      [0, 6, 8, 10, 3, 4],
      [1, 5, 7, 9, 2],
    ])
  })

  it('covers every feature of every item exactly once, ascending, whatever the mix and thread count', () => {
    for (const threads of [1, 2, 3, 5]) {
      const plan = new LevelPlan(threads)
      const items = 9
      const p = 13
      // Item 0 is most of the level (cut by features); the rest are small and uneven.
      plan.plan(items, p, (i, fi) => (i === 0 ? 40 : 1 + ((i * 7 + fi) % 5)), Float64Array.from({ length: threads }, (_, t) => 1 + t / 4))
      const covered = coverage(plan, items)
      for (const features of covered) expect(features).toEqual(Array.from({ length: p }, (_, f) => f))
      expect(plan.edges[threads]).toBe(plan.count)
      const byThread = [...plan.byThread.subarray(0, plan.count)].sort((a, b) => a - b)
      expect(byThread).toEqual(Array.from({ length: plan.count }, (_, u) => u))
      if (threads > 1) expect(new Set(Array.from({ length: plan.count }, (_, u) => u).filter((u) => plan.item[u] === 0).map((u) => plan.thread[u])).size).toBe(threads)
    }
  })
})
