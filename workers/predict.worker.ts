/**
 * The predict worker: holds one model (a core Predictor built from its bundle)
 * and the file scored last, off the page's main thread. Glue only — reading,
 * validation, prediction and explanations all happen in src/core; the page
 * receives small views (a page of the batch table, the issues) and the
 * downloads as bytes.
 */
import * as Comlink from 'comlink'
// Thrown StudioErrors reach the page with their code (see src/services/error-transfer.ts).
import '../src/services/error-transfer'
import type { BatchResult, RecordsInput, RowIssue } from '../src/core/bundle/predict-types'
import { parseBundle, withRegistry, type RegistryInfo } from '../src/core/bundle/bundle'
import { Predictor } from '../src/core/bundle/predictor'
import { StudioError } from '../src/core/errors'
import { batchOutputTable } from '../src/core/predict/batch-output'
import { classAtThreshold, type Decision } from '../src/core/predict/decision'
import { readDataFile } from '../src/core/table/read/read-file'
import { tableToCsv } from '../src/core/table/write/write-csv'
import { tableToParquet } from '../src/core/table/write/write-parquet'
import type { ProgressCallback, Table } from '../src/core/types'
import type { BatchRowView, BatchSummary, ModelSummary } from '../src/services/predict-types'

/** At most this many issues travel to the page at once; the downloads carry every one. */
const MAX_ISSUES_SHOWN = 500

let predictor: Predictor | null = null
let scored: { input: Table; result: BatchResult } | null = null

function current(): Predictor {
  if (!predictor) throw new StudioError('predict-no-model', 'predict: no model is loaded; choose a model first')
  return predictor
}

function decisionOf(p: Predictor, threshold: number | null): Decision | null {
  return p.bundle.task === 'regression' ? null : { labels: p.bundle.target.labels, threshold: p.bundle.task === 'binary' ? threshold : null }
}

const api = {
  /** Builds the Predictor from a bundle (validated, migrated, golden cases re-checked) and describes it for the page. */
  load(bundle: unknown): ModelSummary {
    const next = Predictor.fromBundle(bundle)
    predictor = next
    scored = null
    const b = next.bundle
    return {
      task: b.task,
      family: b.model.family,
      target: b.target,
      inputSchema: next.inputSchema,
      threshold: b.task === 'binary' ? (b.threshold ?? 0.5) : null,
      example: b.golden[0]?.input ?? null,
    }
  },

  /** Answers records (the form's one row) with per-feature contributions. */
  predict(input: RecordsInput): BatchResult {
    return current().predictRecords(input, { explain: true })
  },

  /** Reads a CSV, Parquet or Excel file and scores every row; the result stays here for paging and downloads. */
  async scoreFile(bytes: ArrayBuffer, fileName: string, onProgress?: ProgressCallback): Promise<BatchSummary> {
    const p = current()
    const { table, warnings } = await readDataFile(new Uint8Array(bytes), fileName, onProgress)
    void onProgress?.({ stage: 'Scoring', done: 0, total: table.rowCount })
    const result = p.predictTable(table)
    scored = { input: table, result }
    const refusedRows = new Set(result.issues.filter((i) => i.action === 'refused').map((i) => i.row))
    return {
      fileName,
      rows: table.rowCount,
      refused: refusedRows.size,
      issues: result.issues.slice(0, MAX_ISSUES_SHOWN) as RowIssue[],
      issueCount: result.issues.length,
      warnings: [...warnings, ...result.warnings],
    }
  },

  /** One page of the scored file's answers, the class read at `threshold`. */
  batchRows(offset: number, limit: number, threshold: number | null): BatchRowView[] {
    if (!scored) return []
    const decision = decisionOf(current(), threshold)
    const end = Math.min(scored.result.rows.length, offset + limit)
    const rows: BatchRowView[] = []
    for (let i = Math.max(0, offset); i < end; i++) {
      const r = scored.result.rows[i]
      rows.push(
        r === null
          ? { row: i, refused: true }
          : { row: i, refused: false, label: r.probabilities && decision ? classAtThreshold(r.probabilities, decision) : undefined, probabilities: r.probabilities, value: r.value },
      )
    }
    return rows
  },

  /** The scored file with its answers, as CSV (formula-injection safe) or Parquet bytes. */
  exportBatch(format: 'csv' | 'parquet', threshold: number | null): Uint8Array {
    if (!scored) throw new StudioError('predict-no-batch', 'predict: no file has been scored yet; drop a file first')
    const table = batchOutputTable(scored.input, scored.result, decisionOf(current(), threshold))
    const bytes = format === 'csv' ? new TextEncoder().encode(tableToCsv(table)) : new Uint8Array(tableToParquet(table))
    return Comlink.transfer(bytes, [bytes.buffer as ArrayBuffer])
  },

  /**
   * A registered version's bundle for the model server, as JSON text: validated
   * (and migrated from an older version) with its registry name, version,
   * stage and export date added. The loaded model is left as it is.
   */
  serverBundle(bundle: unknown, registry: RegistryInfo): string {
    return JSON.stringify(withRegistry(parseBundle(bundle), registry), null, 1)
  },

  /**
   * A bundle as one ONNX model (src/core/interop/onnx), with its registry
   * metadata when given; the exporter loads only when asked. A step or model
   * with no ONNX form throws a StudioError naming it; `afterCleaning` starts
   * the graph after the bundle's cleaning steps. The loaded model is left as
   * it is.
   */
  async onnxModel(bundle: unknown, registry?: RegistryInfo, afterCleaning = false): Promise<Uint8Array> {
    const { bundleToOnnx } = await import('../src/core/interop/onnx/export')
    const parsed = parseBundle(bundle)
    const { bytes } = bundleToOnnx(registry ? withRegistry(parsed, registry) : parsed, { afterCleaning })
    return Comlink.transfer(bytes, [bytes.buffer])
  },
}

export type PredictWorkerApi = typeof api

Comlink.expose(api)
