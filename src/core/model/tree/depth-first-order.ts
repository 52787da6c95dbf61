/**
 * The order in which depth-first growth (grower.ts grow) numbers a tree's
 * nodes, found from the finished tree alone, so that a tree grown another
 * way (a level at a time, growLevels) can be renumbered into it and come out
 * the same, bit for bit. Depth-first growth numbers the root 0 and a split
 * node's children together, left then right, when it splits it; it takes
 * split nodes from a stack onto which each split's smaller child (by rows,
 * the left on a tie) is pushed before the larger, each only if it splits
 * too.
 */

/** A tree's nodes as the order needs them: split nodes have feature ≥ 0, children left/right and row counts. */
export interface OrderedNodes {
  readonly count: number
  readonly feature: Int32Array
  readonly left: Int32Array
  readonly right: Int32Array
  readonly sumCount: Float64Array
}

/** Writes into `order` the nodes in depth-first numbering (order[i] is the node numbered i) and into `newId` its inverse; both need `count` entries. */
export function depthFirstOrder(nodes: OrderedNodes, order: Int32Array, newId: Int32Array, stack: number[]): void {
  order[0] = 0
  let placed = 1
  stack.length = 0
  if (nodes.count > 0 && nodes.feature[0] >= 0) stack.push(0)
  while (stack.length > 0) {
    const node = stack.pop() as number
    const l = nodes.left[node]
    const r = nodes.right[node]
    order[placed++] = l
    order[placed++] = r
    const leftSmaller = nodes.sumCount[l] <= nodes.sumCount[r]
    const small = leftSmaller ? l : r
    const large = leftSmaller ? r : l
    if (nodes.feature[small] >= 0) stack.push(small)
    if (nodes.feature[large] >= 0) stack.push(large)
  }
  for (let i = 0; i < nodes.count; i++) newId[order[i]] = i
}
