/**
 * The cost model that cuts a node's features into the threads' shares
 * (kernel/parallel.ts) and weighs a level's units (level-plan.ts): a
 * feature's work in row additions — its rows, weighted by how many bins it
 * has, plus its bins for each pass over them — and each thread's measured
 * speed at turning estimates into finished work. Where the cuts fall never
 * changes a result, only how long the threads wait for each other.
 */

/**
 * Node work estimated below this (in row additions, see featureCost) stays on
 * the calling thread: waking a helper costs more. Deep nodes have few rows but
 * still clear, subtract and search every bin, about 0.1 ms for two siblings
 * on the bench table, so their estimate counts the bins too.
 */
export const MIN_SPLIT_COST = 48_000
/**
 * How fast each thread turns estimated cost into finished node work (cost
 * units a microsecond, a running mean), so that shares are cut in
 * proportion: the cost model is a guess (on the bench table its two-bin
 * features cost about 1.27 row units, not FEW_BINS_ROW_COST), and the
 * calling thread may be slower than its helpers. After a build, `cost` and
 * `time` hold each share's estimate and measured microseconds. Where the
 * cuts fall never changes a result: it only moves features between threads.
 */
export class ShareSpeeds {
  readonly speed: Float64Array
  readonly cost: Float64Array
  readonly time: Float64Array
  constructor(threads: number) {
    this.speed = new Float64Array(threads).fill(1)
    this.cost = new Float64Array(threads)
    this.time = new Float64Array(threads)
  }

  /** Folds the last build's shares into the speeds; shares too short to time well are skipped. */
  learn(threads: number): void {
    for (let t = 0; t < threads; t++) if (this.time[t] < MIN_TIMED_MICROSECONDS || !(this.cost[t] > 0)) return
    let mean = 0
    for (let t = 0; t < threads; t++) mean += this.cost[t] / this.time[t] / threads
    for (let t = 0; t < threads; t++) {
      // Relative to the threads' mean, and kept within a factor of 4 of it: one slow spell (the machine's) should not starve a thread.
      const relative = Math.min(4, Math.max(0.25, this.cost[t] / this.time[t] / mean))
      this.speed[t] = (1 - SPEED_RATE) * this.speed[t] + SPEED_RATE * relative
    }
  }
}

/** Shares shorter than this are not timed (timer resolution, a helper's wake-up). */
const MIN_TIMED_MICROSECONDS = 20
/** Weight of one build in the running mean of speeds. */
const SPEED_RATE = 0.1

/** Estimated cost of one bin in a search or a subtraction, in row additions (a search divides twice per bin). */
const BIN_COST = 16

/**
 * Few-bin features cost more per row: consecutive rows add into the same bins,
 * each addition waiting for the last (measured one feature at a time: 2.0–3.1
 * ns a row with 2 bins, 1.4 with 254).
 */
const FEW_BINS = 4
const FEW_BINS_ROW_COST = 1.5

/** Σ featureCost over `features` = rows × rowWeight + passes × binWeight: a node's estimate without a loop over its features. */
export function featureCostSums(nBins: Int32Array, features: Int32Array): { rowWeight: number; binWeight: number } {
  let rowWeight = 0
  let binWeight = 0
  for (let fi = 0; fi < features.length; fi++) {
    const nb = nBins[features[fi]]
    rowWeight += featureRowWeight(nb)
    binWeight += BIN_COST * (nb + 1)
  }
  return { rowWeight, binWeight }
}

/** Estimated cost of one feature of a node's work over `rows` rows, `nb` value bins and `passes` passes over its bins (searches, subtraction), in row additions. */
export function featureCost(nb: number, rows: number, passes: number): number {
  return rows * featureRowWeight(nb) + BIN_COST * passes * (nb + 1)
}

/** What one row of a feature with `nb` value bins costs a build, in row additions. */
function featureRowWeight(nb: number): number {
  return nb <= FEW_BINS ? FEW_BINS_ROW_COST : 1
}

/**
 * Cuts features [from, to) into `threads` contiguous shares of work in
 * proportion to the threads' speeds (equal at first), written to
 * edges[0…threads] and each share's estimate to speeds.cost: each feature costs its rows (the build)
 * plus its bins for each search and the subtraction, so that wide features
 * (254 bins) and two-bin ones are weighed apart — deep nodes have few rows
 * and many bins to search. Where the cuts fall never changes the result: the
 * shares' best splits are merged in feature order. Returns the whole
 * estimate.
 */
export function shareByCost(words: Int32Array, doubles: Float64Array, args: number[], from: number, to: number, threads: number, edges: Int32Array, speeds: ShareSpeeds): number {
  const rows = args[5]
  const nBins = args[10] >> 2
  const features = args[11] >> 2
  const params = args[13] >> 3
  // Searches (the built node's, the parent's) and the subtraction each pass over every bin once.
  const passes = (doubles[params + 4] !== 0 ? 1 : 0) + (args[12] !== 0 && doubles[params + 10] !== 0 ? 1 : 0) + (args[12] !== 0 ? 1 : 0)
  let total = 0
  for (let fi = from; fi < to; fi++) total += featureCost(words[nBins + words[features + fi]], rows, passes)
  const { speed, cost } = speeds
  let speedSum = 0
  for (let u = 0; u < threads; u++) speedSum += speed[u]
  edges[0] = from
  cost.fill(0)
  let t = 1
  let sum = 0
  // Share t ends where the running cost first reaches the speeds' share of the total up to it.
  let target = (total * speed[0]) / speedSum
  for (let fi = from; fi < to; fi++) {
    const c = featureCost(words[nBins + words[features + fi]], rows, passes)
    sum += c
    cost[t - 1] += c
    while (t < threads && sum >= target) {
      edges[t] = fi + 1
      target += (total * speed[t]) / speedSum
      t++
    }
  }
  while (t <= threads) edges[t++] = to
  return total
}
