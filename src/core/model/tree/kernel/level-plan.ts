/**
 * How one level of a tree's node work is cut between threads (the grower
 * hands a whole level to the kernel at once, see grower.ts growLevels). Each
 * item is one node's work (a build, maybe a subtraction, searches); a unit
 * is an item's share of features, run by one thread. Large items are cut by
 * features into one share per thread, in proportion to the threads' speeds,
 * as a lone node's work is (kernel/parallel.ts); small ones go whole to the
 * thread that would finish them first, largest first — so that a deep
 * level's many small nodes are built side by side instead of each being cut
 * in two and waited for, and a thread gathers only its own nodes' rows.
 * How the units fall never changes a result: every feature of an item is
 * still summed by one thread, rows in order, and the units' best splits are
 * merged in feature order.
 */

/** An item is cut by features when it is more than this share of the level's work per thread. */
const WHOLE_ITEM_SHARE = 0.25

/** Units of a level, in the order they were made (an item's units consecutive, features ascending), and by thread. */
export class LevelPlan {
  count = 0
  item = new Int32Array(0)
  from = new Int32Array(0)
  to = new Int32Array(0)
  thread = new Int32Array(0)
  /** Unit indices grouped by thread: thread t runs byThread[edges[t]…edges[t + 1]). */
  byThread = new Int32Array(0)
  edges: Int32Array
  /** Each thread's planned cost (the cost model's units). */
  load: Float64Array
  /** Sum of every item's cost. */
  total = 0
  private itemCost = new Float64Array(0)
  private order: number[] = []

  constructor(readonly threads: number) {
    this.edges = new Int32Array(threads + 1)
    this.load = new Float64Array(threads)
  }

  /**
   * Plans `items` items over features [0, features): `cost(i, fi)` is item
   * i's estimated cost for feature fi; `speed[t]` thread t's relative speed.
   */
  plan(items: number, features: number, cost: (item: number, fi: number) => number, speed: Float64Array): void {
    const { threads, load } = this
    this.reserve(items * (threads + 1))
    if (this.itemCost.length < items) this.itemCost = new Float64Array(items)
    const itemCost = this.itemCost
    let total = 0
    for (let i = 0; i < items; i++) {
      let c = 0
      for (let fi = 0; fi < features; fi++) c += cost(i, fi)
      itemCost[i] = c
      total += c
    }
    this.total = total
    this.count = 0
    load.fill(0)
    let speedSum = 0
    for (let t = 0; t < threads; t++) speedSum += speed[t]
    const wholeLimit = (WHOLE_ITEM_SHARE * total) / threads
    const small = this.order
    small.length = 0
    for (let i = 0; i < items; i++) {
      if (itemCost[i] <= wholeLimit || features < 2 || threads < 2) {
        small.push(i)
        continue
      }
      // Share t ends where the running cost first reaches the speeds' share of the total up to it (as shareByCost).
      let t = 0
      let start = 0
      let sum = 0
      let target = (itemCost[i] * speed[0]) / speedSum
      for (let fi = 0; fi < features; fi++) {
        const c = cost(i, fi)
        sum += c
        load[t] += c
        if (t < threads - 1 && sum >= target) {
          this.add(i, start, fi + 1, t)
          start = fi + 1
          t++
          target += (itemCost[i] * speed[t]) / speedSum
        }
      }
      if (start < features) this.add(i, start, features, t)
    }
    // Largest first, ties by item; each to the thread that would finish it first.
    small.sort((a, b) => itemCost[b] - itemCost[a] || a - b)
    for (const i of small) {
      let best = 0
      let bestEnd = Infinity
      for (let t = 0; t < threads; t++) {
        const end = (load[t] + itemCost[i]) / speed[t]
        if (end < bestEnd) {
          bestEnd = end
          best = t
        }
      }
      load[best] += itemCost[i]
      this.add(i, 0, features, best)
    }
    this.groupByThread()
  }

  /** Sorts the unit indices by thread, keeping their order within a thread. */
  private groupByThread(): void {
    const { threads, edges, byThread } = this
    edges.fill(0)
    for (let u = 0; u < this.count; u++) edges[this.thread[u] + 1]++
    for (let t = 0; t < threads; t++) edges[t + 1] += edges[t]
    const next = edges.slice(0, threads)
    for (let u = 0; u < this.count; u++) byThread[next[this.thread[u]]++] = u
  }

  private add(item: number, from: number, to: number, thread: number): void {
    const u = this.count++
    this.item[u] = item
    this.from[u] = from
    this.to[u] = to
    this.thread[u] = thread
  }

  private reserve(units: number): void {
    if (this.item.length >= units) return
    this.item = new Int32Array(units)
    this.from = new Int32Array(units)
    this.to = new Int32Array(units)
    this.thread = new Int32Array(units)
    this.byThread = new Int32Array(units)
  }
}
