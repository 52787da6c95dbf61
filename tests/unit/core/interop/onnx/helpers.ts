import * as ort from 'onnxruntime-node'
import { expect } from 'vitest'
import type { ModelBundleV2 } from '../../../../../src/core/bundle/bundle'
import type { RecordsInput } from '../../../../../src/core/bundle/predict-types'
import { Predictor } from '../../../../../src/core/bundle/predictor'
import { bundleToOnnx } from '../../../../../src/core/interop/onnx/export'
import type { Table } from '../../../../../src/core/types'

/** Probabilities (and regression values, relative to their size) must agree to this. */
export const ONNX_TOLERANCE = 1e-5

/** Runs an exported model in onnxruntime on a table's columns (numbers as float32, NaN missing; categories as strings, "" missing). */
export async function runOnnx(bytes: Uint8Array, table: Table): Promise<Record<string, ort.Tensor>> {
  const session = await ort.InferenceSession.create(bytes)
  const feeds: Record<string, ort.Tensor> = {}
  for (const name of session.inputNames) {
    const column = table.columns.find((c) => c.name === name)
    if (!column) throw new Error(`no column "${name}" for the ONNX input`)
    feeds[name] = column.type === 'number'
      ? new ort.Tensor('float32', Float32Array.from(column.values), [table.rowCount, 1])
      : new ort.Tensor('string', Array.from(column.codes, (c) => (c < 0 ? '' : column.levels[c])), [table.rowCount, 1])
  }
  try {
    return await session.run(feeds)
  } finally {
    await session.release()
  }
}

/** Numbers in the records rounded to float32, so the studio and onnxruntime see the very same inputs. */
export function float32Records(records: RecordsInput): RecordsInput {
  return { columns: records.columns, rows: records.rows.map((row) => row.map((cell) => (typeof cell === 'number' ? Math.fround(cell) : cell))) }
}

export interface Comparison {
  rows: number
  /** Largest |ONNX − studio| over probabilities (or relative difference of values). */
  maxDiff: number
  /** Rows whose label differs only because the studio's two best classes are closer than float32 can tell apart. */
  ties: number
}

/**
 * Exports the bundle, runs it in onnxruntime on the records after the
 * bundle's cleaning (the graph's inputs), and compares with the studio's
 * Predictor on the same records: probabilities within ONNX_TOLERANCE, labels
 * equal (a row whose two best probabilities are within 1e-6 in the studio is
 * a tie float32 cannot reproduce; it is counted, not compared).
 */
export async function compareWithStudio(bundle: ModelBundleV2, raw: RecordsInput): Promise<Comparison> {
  const records = float32Records(raw)
  const predictor = Predictor.fromBundle(JSON.parse(JSON.stringify(bundle)))
  const expected = predictor.predictRecords(records)
  const cleaned = predictor.cleanRecords(records)
  const { bytes } = bundleToOnnx(bundle, { afterCleaning: true })
  const out = await runOnnx(bytes, cleaned.table)
  let maxDiff = 0
  let ties = 0
  const kept = Array.from(cleaned.kept)
  if (bundle.task === 'regression') {
    const values = out.variable.data as Float32Array
    expect(out.variable.dims).toEqual([kept.length, 1])
    kept.forEach((r, i) => {
      const want = expected.rows[r]?.value
      if (want === undefined) return expect(Number.isNaN(values[i]), `row ${r} is refused by the studio`).toBe(true)
      maxDiff = Math.max(maxDiff, Math.abs(values[i] - want) / Math.max(1, Math.abs(want)))
    })
    return { rows: kept.length, maxDiff, ties }
  }
  const labels = bundle.target.labels
  const k = labels.length
  const proba = out.probabilities.data as Float32Array
  const label = out.label.data as string[]
  expect(out.probabilities.dims).toEqual([kept.length, k])
  expect(out.label.dims).toEqual([kept.length])
  kept.forEach((r, i) => {
    const row = expected.rows[r]
    if (!row) return expect(Number.isNaN(proba[i * k]), `row ${r} is refused by the studio`).toBe(true)
    const want = labels.map((l) => row.probabilities?.[l] as number)
    want.forEach((p, c) => (maxDiff = Math.max(maxDiff, Math.abs(proba[i * k + c] - p))))
    if (label[i] !== row.label) {
      const sorted = [...want].sort((a, b) => b - a)
      const margin = bundle.threshold !== undefined && k === 2 ? Math.abs(want[1] - bundle.threshold) : sorted[0] - sorted[1]
      expect(margin, `row ${r}: ONNX label "${label[i]}", studio "${row.label}" (probabilities ${want.join(', ')})`).toBeLessThan(1e-6)
      ties++
    }
  })
  return { rows: kept.length, maxDiff, ties }
}
