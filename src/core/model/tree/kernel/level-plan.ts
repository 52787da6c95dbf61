/**
 * How one level of a tree's node work is cut into units that threads take
 * from a queue (the grower hands a whole level to the kernel at once, see
 * grower.ts growLevels). Each item is one node's work (a build, maybe a
 * subtraction, searches); a unit is an item's share of features. Items
 * larger than a unit's target are cut by features into pieces of about that
 * cost; smaller ones stay whole, so a deep level's many small nodes are
 * built side by side and a thread gathers only its own nodes' rows. The
 * queue holds the largest units first: whichever thread is free takes the
 * next, so the threads end within about one small unit of each other even
 * when the cost model errs or the machine stalls one of them.
 * How the units fall never changes a result: every feature of an item is
 * still summed by one thread, rows in order, and the units' best splits are
 * merged in feature order.
 */

/**
 * Units per thread a level is cut into (the queue's last units are the
 * smallest). Each piece of a large node passes over all its rows again: on
 * 1,000,000 rows, 2 threads, a level of one large node took 417–419 ms a fit
 * in 4 pieces against 459–472 in 8 (and 479–487 in 2, whose halves the cost
 * model cuts unevenly).
 */
const UNITS_PER_THREAD = 2

/** Units of a level in plan order (an item's units consecutive, features ascending), and the order threads take them in. */
export class LevelPlan {
  count = 0
  item = new Int32Array(0)
  from = new Int32Array(0)
  to = new Int32Array(0)
  /** Each unit's estimated cost. */
  cost = new Float64Array(0)
  /** Unit indices, largest cost first (ties in plan order): the queue. */
  queue = new Int32Array(0)
  /** Sum of every item's cost. */
  total = 0
  private itemCost = new Float64Array(0)
  private readonly order: number[] = []

  constructor(readonly threads: number) {}

  /**
   * Plans `items` items over features [0, features): `itemTotal(i)` is item i's
   * estimated cost, `cost(i, fi)` its cost for feature fi (their sum; asked
   * only of items cut into pieces).
   */
  plan(items: number, features: number, itemTotal: (item: number) => number, cost: (item: number, fi: number) => number): void {
    if (this.itemCost.length < items) this.itemCost = new Float64Array(items)
    const itemCost = this.itemCost
    let total = 0
    for (let i = 0; i < items; i++) {
      itemCost[i] = itemTotal(i)
      total += itemCost[i]
    }
    this.total = total
    this.count = 0
    const target = total / (this.threads * UNITS_PER_THREAD)
    for (let i = 0; i < items; i++) {
      const pieces = Math.min(features, Math.max(1, Math.round(itemCost[i] / target)))
      this.reserve(this.count + pieces)
      if (pieces === 1) {
        this.add(i, 0, features, itemCost[i])
        continue
      }
      // Piece j ends where the running cost first reaches (j + 1)/pieces of the item's.
      let start = 0
      let sum = 0
      let pieceCost = 0
      let j = 0
      for (let fi = 0; fi < features; fi++) {
        const c = cost(i, fi)
        sum += c
        pieceCost += c
        if (j < pieces - 1 && sum >= (itemCost[i] * (j + 1)) / pieces) {
          this.add(i, start, fi + 1, pieceCost)
          start = fi + 1
          pieceCost = 0
          j++
        }
      }
      if (start < features) this.add(i, start, features, pieceCost)
    }
    const order = this.order
    order.length = this.count
    for (let u = 0; u < this.count; u++) order[u] = u
    const unitCost = this.cost
    order.sort((a, b) => unitCost[b] - unitCost[a] || a - b)
    for (let k = 0; k < this.count; k++) this.queue[k] = order[k]
  }

  private add(item: number, from: number, to: number, cost: number): void {
    const u = this.count++
    this.item[u] = item
    this.from[u] = from
    this.to[u] = to
    this.cost[u] = cost
  }

  private reserve(units: number): void {
    if (this.item.length >= units) return
    const size = Math.max(units, 2 * this.item.length, 16)
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size)
      b.set(a)
      return b
    }
    this.item = grow(this.item, (n) => new Int32Array(n))
    this.from = grow(this.from, (n) => new Int32Array(n))
    this.to = grow(this.to, (n) => new Int32Array(n))
    this.cost = grow(this.cost, (n) => new Float64Array(n))
    this.queue = new Int32Array(size)
  }
}
