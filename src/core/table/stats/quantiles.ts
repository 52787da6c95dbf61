/**
 * Quantiles of sorted numbers by linear interpolation between the two nearest
 * ranks: numpy's default (`method='linear'`, R type 7), so a profile's
 * quartiles match `np.quantile` and pandas' `describe()`.
 */

/**
 * The `q` quantile (0 ≤ q ≤ 1) of ascending `sorted` numbers without NaN;
 * NaN when there are none. Position q·(n − 1) between neighbours, lerped as
 * numpy's `_lerp` does (from the upper neighbour when past halfway) so results
 * agree with numpy to the last bit.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile: q must be between 0 and 1, got ${q}`)
  const n = sorted.length
  if (n === 0) return NaN
  const position = q * (n - 1)
  const lo = Math.floor(position)
  const t = position - lo
  if (t === 0 || lo + 1 >= n) return sorted[lo]
  const a = sorted[lo], b = sorted[lo + 1]
  const diff = b - a
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
}

/** The quartiles [q1, median, q3] of ascending `sorted` numbers (NaN for none). */
export function quartilesSorted(sorted: ArrayLike<number>): [number, number, number] {
  return [quantileSorted(sorted, 0.25), quantileSorted(sorted, 0.5), quantileSorted(sorted, 0.75)]
}
