/**
 * Folding a numeric column's pipeline (outlier clipping, imputation, scaling)
 * into tree splits, so float32 inputs route exactly as the studio routes them.
 *
 * The studio sends a row left when f(x) <= t, where f is the column's chain
 * of steps computed in float64 and t the split's float64 threshold. For a
 * value that is present, f is non-decreasing (clipping, and (x − c) / s with
 * s > 0, are monotone even with rounding), so the float32 values that go
 * left are exactly those up to the largest float32 x* with f(x*) <= t. ONNX's
 * BRANCH_LEQ with threshold x* on the raw input therefore takes the studio's
 * branch for every float32 input — no rounding of t, of the scaled value or
 * of the fill can flip a split. x* is found by bisection over the float32
 * values (32 steps), evaluating f with the studio's own FeaturePipeline, so
 * the arithmetic is the studio's and not a copy. A missing value goes where
 * the studio sends it: left when the fill satisfies f(missing) <= t, and along
 * the learned default direction when the column is not imputed.
 */
import { FeaturePipeline } from '../../pipeline/pipeline'
import type { PipelineJSON } from '../../pipeline/pipeline'
import type { Column, Table } from '../../types'

/** One split on a numeric input column: feature index j (in X) and the studio's threshold t. */
export interface NumericSplit {
  feature: number
  threshold: number
}

export interface FoldedSplit {
  /** The threshold on the raw input (a float32 value, or ±Infinity). */
  threshold: number
  /** true/false: where a missing input goes; null: the column stays missing, so the split's learned default applies. */
  missingLeft: boolean | null
}

const FLOAT_MAX = 3.4028234663852886e38
const f32 = new Float32Array(1)
const u32 = new Uint32Array(f32.buffer)

/** float32 values in order ↔ unsigned keys in the same order. */
function keyOf(x: number): number {
  f32[0] = x
  const bits = u32[0]
  return bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0
}
function valueOf(key: number): number {
  u32[0] = key & 0x80000000 ? (key & 0x7fffffff) >>> 0 : ~key >>> 0
  return f32[0]
}

/** Raw-input thresholds and missing directions for `splits`, each the studio's exact behaviour on float32 inputs. */
export function foldSplits(json: PipelineJSON, splits: readonly NumericSplit[]): FoldedSplit[] {
  const pipeline = FeaturePipeline.fromJSON(json)
  const p = json.featureNames.length
  /** f(x) for the feature of each split, x given per split. */
  const evaluate = (xs: Float64Array): Float64Array => {
    const X = pipeline.transform(syntheticTable(json, xs))
    return Float64Array.from(splits, (s, r) => X.data[r * p + s.feature])
  }
  const n = splits.length
  const left = (values: Float64Array, r: number): boolean => values[r] <= splits[r].threshold
  const atMissing = evaluate(new Float64Array(n).fill(NaN))
  const atLow = evaluate(new Float64Array(n).fill(-FLOAT_MAX))
  const atHigh = evaluate(new Float64Array(n).fill(FLOAT_MAX))
  const lo = new Float64Array(n)
  const hi = new Float64Array(n)
  const done = new Uint8Array(n)
  const out: FoldedSplit[] = splits.map((_, r) => {
    const missing = atMissing[r]
    const missingLeft = Number.isNaN(missing) ? null : left(atMissing, r)
    if (left(atHigh, r)) return (done[r] = 1), { threshold: Infinity, missingLeft }
    if (!left(atLow, r)) return (done[r] = 1), { threshold: -Infinity, missingLeft }
    lo[r] = keyOf(-FLOAT_MAX)
    hi[r] = keyOf(FLOAT_MAX)
    return { threshold: NaN, missingLeft }
  })
  // Invariant: f(value(lo)) <= t < f(value(hi)); stop when they are neighbours.
  for (;;) {
    const xs = new Float64Array(n)
    let open = 0
    for (let r = 0; r < n; r++) {
      if (done[r] || hi[r] - lo[r] <= 1) continue
      open++
      xs[r] = valueOf(Math.floor((lo[r] + hi[r]) / 2))
    }
    if (open === 0) break
    const values = evaluate(xs)
    for (let r = 0; r < n; r++) {
      if (done[r] || hi[r] - lo[r] <= 1) continue
      const mid = Math.floor((lo[r] + hi[r]) / 2)
      if (left(values, r)) lo[r] = mid
      else hi[r] = mid
    }
  }
  for (let r = 0; r < n; r++) if (!done[r]) out[r].threshold = valueOf(lo[r])
  return out
}

/** A table with one row per split: every numeric input holds that split's x, every category is missing. */
function syntheticTable(json: PipelineJSON, xs: Float64Array): Table {
  const rows = xs.length
  const columns: Column[] = json.inputs.map((c): Column => (c.type === 'number' ? { name: c.name, type: 'number', values: xs } : { name: c.name, type: 'category', codes: new Int32Array(rows).fill(-1), levels: [] }))
  return { name: 'onnx-fold', rowCount: rows, columns }
}
