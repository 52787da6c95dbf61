/**
 * Checks per-row sample weights and rescales them to mean 1.
 *
 * Weights in the studio are relative ("this row counts twice as much as that
 * one"), not row counts: rescaling makes multiplying every weight by a constant
 * a no-op, so a regularised model's penalty keeps the same strength per row
 * whatever scale the weights come in. Without weights every row weighs 1.
 * Throws, naming the row, for a weight that is negative or not finite, and
 * when the weights sum to zero.
 */
export function relativeWeights(family: string, sampleWeight: Float64Array | undefined, rows: number): Float64Array {
  if (!sampleWeight) return new Float64Array(rows).fill(1)
  if (sampleWeight.length !== rows) throw new Error(`${family}: sampleWeight has ${sampleWeight.length} entries for ${rows} rows`)
  let total = 0
  for (let i = 0; i < rows; i++) {
    const w = sampleWeight[i]
    if (!(Number.isFinite(w) && w >= 0)) throw new Error(`${family}: sampleWeight at row ${i} is ${w}; expected a finite number ≥ 0`)
    total += w
  }
  if (!(total > 0)) throw new Error(`${family}: sampleWeight sums to ${total}; at least one row needs a positive weight`)
  const scale = rows / total
  return Float64Array.from(sampleWeight, (w) => w * scale)
}
