import { describe, expect, it } from 'vitest'
import { depthFirstOrder, type OrderedNodes } from '../../../../../src/core/model/tree/depth-first-order'

/** A tree from [feature (−1 leaf), left, right, rows] per node, numbered as a level-wise grower numbers them. */
function tree(rows: [number, number, number, number][]): OrderedNodes {
  return {
    count: rows.length,
    feature: Int32Array.from(rows, (r) => r[0]),
    left: Int32Array.from(rows, (r) => r[1]),
    right: Int32Array.from(rows, (r) => r[2]),
    sumCount: Float64Array.from(rows, (r) => r[3]),
  }
}

describe('depthFirstOrder', () => {
  it('numbers a level-wise tree as depth-first growth would: the larger child split first, children numbered when their parent splits', () => {
    // Level-wise ids: root 0 → 1 (30 rows), 2 (70 rows); 1 → 3 (10), 4 (20); 2 → 5 (40), 6 (30); 5 → 7, 8. Leaves: 3, 4, 6, 7, 8.
    const nodes = tree([
      [0, 1, 2, 100],
      [1, 3, 4, 30],
      [2, 5, 6, 70],
      [-1, 0, 0, 10],
      [-1, 0, 0, 20],
      [3, 7, 8, 40],
      [-1, 0, 0, 30],
      [-1, 0, 0, 25],
      [-1, 0, 0, 15],
    ])
    const order = new Int32Array(9)
    const newId = new Int32Array(9)
    depthFirstOrder(nodes, order, newId, [])
    // Depth first: root → 1, 2 (ids 1, 2); node 2 (larger) pops first → 5, 6 (ids 3, 4); node 5 → 7, 8 (ids 5, 6); then node 1 → 3, 4 (ids 7, 8).
    expect(Array.from(order)).toEqual([0, 1, 2, 5, 6, 7, 8, 3, 4])
    expect(Array.from(newId)).toEqual([0, 1, 2, 7, 8, 3, 4, 5, 6])
  })

  it('takes the left child as the smaller on a tie, so the right one splits first', () => {
    const nodes = tree([
      [0, 1, 2, 20],
      [1, 3, 4, 10],
      [1, 5, 6, 10],
      [-1, 0, 0, 5],
      [-1, 0, 0, 5],
      [-1, 0, 0, 5],
      [-1, 0, 0, 5],
    ])
    const order = new Int32Array(7)
    depthFirstOrder(nodes, order, new Int32Array(7), [])
    expect(Array.from(order)).toEqual([0, 1, 2, 5, 6, 3, 4])
  })

  it('leaves a lone root alone', () => {
    const order = new Int32Array(1)
    const newId = new Int32Array(1)
    depthFirstOrder(tree([[-1, 0, 0, 7]]), order, newId, [])
    expect([order[0], newId[0]]).toEqual([0, 0])
  })
})
