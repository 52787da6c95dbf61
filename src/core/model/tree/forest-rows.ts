/**
 * The rows of the forest tree being grown (forest-grower.ts): the bootstrap
 * that picks them, one index array whose ranges are the nodes, and each
 * row's statistics travelling with it (positional: stat[k × S …] belongs to
 * rows[k]), kept in step by every partition. Buffers are reused by every
 * tree of a grower.
 *
 * Each loop over the rows is a method of its own that ends with its loop:
 * inside a caller that runs once a tree, V8 ran such loops as on-stack
 * replacements that bailed out at the loop's exit, every tree.
 */
import type { Random } from '../../random'
import { PACK, type ForestInputs } from './forest-inputs'

export class ForestRows {
  /** In-bag rows, ascending after the bootstrap, then partitioned node by node. */
  readonly rows: Uint32Array
  /** Statistics by position: 1 when packed, else K sums, the weight and (counted) the row count. */
  readonly stat: Float64Array
  /** Rows never drawn, ascending (outOfBag[0..outOfBagCount)). */
  readonly outOfBag: Uint32Array
  outOfBagCount = 0
  /** Σ w·t² of the left and right rows of the last partition (regression). */
  squaresLeft = 0
  squaresRight = 0
  private readonly n: number
  private readonly K: number
  private readonly packed: boolean
  private readonly regression: boolean
  private readonly counted: boolean
  private readonly drawn: Int32Array
  private readonly scratch: Uint32Array
  private readonly spare: Float64Array

  constructor(
    private readonly inputs: ForestInputs,
    /** Statistics per row (see stat). */
    private readonly S: number,
    counted: boolean,
  ) {
    const n = inputs.rows
    this.n = n
    this.K = inputs.outputs
    this.packed = inputs.packed === 1
    this.regression = inputs.task === 'regression'
    this.counted = counted
    this.rows = new Uint32Array(n)
    this.stat = new Float64Array(n * S)
    this.outOfBag = new Uint32Array(n)
    this.drawn = new Int32Array(n)
    this.scratch = new Uint32Array(n)
    this.spare = new Float64Array(n * S)
  }

  /**
   * Draws the bootstrap (n draws with replacement; a row drawn c times weighs
   * c × its weight, as scikit-learn does), fills rows/stat with the in-bag
   * rows and outOfBag with the rest; returns the in-bag count.
   */
  bootstrap(random: Random): number {
    this.draw(random)
    return this.gatherDrawn()
  }

  /** How many times each row is drawn. */
  private draw(random: Random): void {
    const { n, drawn } = this
    drawn.fill(0)
    for (let k = 0; k < n; k++) drawn[random.int(n)]++
  }

  /** The drawn rows with positive weight and their statistics, from `drawn`; the rows never drawn are out of bag. Returns how many were drawn. */
  private gatherDrawn(): number {
    const { n, drawn, rows, stat, S, K } = this
    const { y, weights, base } = this.inputs
    let m = 0
    let o = 0
    // The count is kept as it grows: a field written after the loop would bail out of its optimised code every tree.
    this.outOfBagCount = 0
    for (let i = 0; i < n; i++) {
      if (drawn[i] === 0) {
        this.outOfBag[o++] = i
        this.outOfBagCount = o
        continue
      }
      const w = drawn[i] * weights[i]
      if (!(w > 0)) continue
      rows[m] = i
      if (this.packed) stat[m] = y[i] === 1 ? w + w * PACK : w
      else {
        const x = m * S
        if (this.regression) stat[x] = w * (y[i] - base[0])
        else if (K === 1) stat[x] = y[i] === 1 ? w : 0
        else for (let c = 0; c < K; c++) stat[x + c] = y[i] === c ? w : 0
        stat[x + K] = w
        if (this.counted) stat[x + K + 1] = 1
      }
      m++
    }
    return m
  }

  /** Σ w·t² of positional row k (regression only: stat holds w·t and w). */
  rowSquare(k: number): number {
    const x = k * this.S
    const w = this.stat[x + 1]
    return w > 0 ? (this.stat[x] * this.stat[x]) / w : 0
  }

  /** Σ w·t² of positions [0, m) (regression). */
  sumSquares(m: number): number {
    let q = 0
    for (let k = 0; k < m; k++) q += this.rowSquare(k)
    return q
  }

  /**
   * Stable partition of rows[start..end) and their statistics: codes ≤ splitBin
   * (and missing ones when missingLeft) first; codes[col + row × stride] is
   * the row's code. Returns where the right part starts; for regression,
   * sets squaresLeft and squaresRight.
   */
  partition(start: number, end: number, codes: Uint8Array, col: number, stride: number, splitBin: number, missing: number, missingLeft: boolean): number {
    return this.S === 1 ? this.partitionPacked(start, end, codes, col, stride, splitBin, missing, missingLeft) : this.partitionWide(start, end, codes, col, stride, splitBin, missing, missingLeft)
  }

  /**
   * One statistic a row, branch-free: whether a row goes left is a coin toss
   * the CPU cannot predict; it is written to both sides and one advances
   * (measured: the partition a third faster).
   */
  private partitionPacked(start: number, end: number, codes: Uint8Array, col: number, stride: number, splitBin: number, missing: number, missingLeft: boolean): number {
    const { rows, scratch, stat, spare } = this
    let l = start
    let r = 0
    const ml = missingLeft ? 1 : 0
    for (let i = start; i < end; i++) {
      const row = rows[i]
      const b = codes[col + row * stride]
      const v = stat[i]
      const goLeft = (+(b <= splitBin) | (+(b === missing) & ml)) as number
      stat[l] = v
      rows[l] = row
      spare[r] = v
      scratch[r] = row
      l += goLeft
      r += 1 - goLeft
    }
    for (let i = 0; i < r; i++) {
      stat[l + i] = spare[i]
      rows[l + i] = scratch[i]
    }
    return l
  }

  private partitionWide(start: number, end: number, codes: Uint8Array, col: number, stride: number, splitBin: number, missing: number, missingLeft: boolean): number {
    const { rows, scratch, stat, spare, S } = this
    let l = start
    let r = 0
    let qLeft = 0
    let qRight = 0
    for (let i = start; i < end; i++) {
      const row = rows[i]
      const b = codes[col + row * stride]
      const q = this.regression ? this.rowSquare(i) : 0
      if (b <= splitBin || (missingLeft && b === missing)) {
        for (let s = 0; s < S; s++) stat[l * S + s] = stat[i * S + s]
        rows[l++] = row
        qLeft += q
      } else {
        for (let s = 0; s < S; s++) spare[r * S + s] = stat[i * S + s]
        scratch[r++] = row
        qRight += q
      }
    }
    stat.set(spare.subarray(0, r * S), l * S)
    rows.set(scratch.subarray(0, r), l)
    this.squaresLeft = qLeft
    this.squaresRight = qRight
    return l
  }
}
