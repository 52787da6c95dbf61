/**
 * The drift worker: reads the reference and current files and runs core's
 * driftReport off the page's main thread. Glue only — reading, the tests and
 * the report are all src/core; the tables stay here (so a changed override
 * re-runs without reading the files again) and the page receives the report,
 * which is small (per-column statistics and binned shares, no rows).
 */
import * as Comlink from 'comlink'
// Thrown StudioErrors reach the page with their code (see src/services/error-transfer.ts).
import '../src/services/error-transfer'
import { parseBundle, type ModelBundle } from '../src/core/bundle/bundle'
import { renderDriftHtml } from '../src/core/drift/html/render-report'
import { driftReport, driftReportJson } from '../src/core/drift/report'
import type { DriftOptions, DriftReport } from '../src/core/drift/types'
import { StudioError } from '../src/core/errors'
import { readDataFile } from '../src/core/table/read/read-file'
import type { ProgressCallback, Table } from '../src/core/types'
import type { DriftModelSummary, DriftSlot, DriftTableSummary } from '../src/services/drift-types'
import { throttleProgress } from './throttle-progress'

/** What the page asks for: which reference to compare against, and the user's choices. */
export interface DriftRunRequest {
  /** The loaded model's reference statistics, or the reference file's rows. */
  reference: 'model' | 'file'
  options: DriftOptions
}

let model: { bundle: ModelBundle; name: string } | null = null
const tables: Partial<Record<DriftSlot, Table>> = {}

function table(slot: DriftSlot): Table {
  const t = tables[slot]
  if (!t) throw new StudioError(`drift-no-${slot}-file`, `monitor: no ${slot} file has been read; drop or choose one first`)
  return t
}

const api = {
  /** Validates (and migrates) a bundle and keeps it as the reference model. */
  loadModel(bundle: unknown, name: string): DriftModelSummary {
    const parsed = parseBundle(bundle)
    model = { bundle: parsed, name }
    return {
      task: parsed.task,
      target: parsed.target.name,
      columns: parsed.inputSchema.map((c) => c.name),
      referenceRows: parsed.reference?.rows ?? null,
    }
  },

  clearModel(): void {
    model = null
  },

  /** Reads a CSV, Parquet or Excel file as the reference or current data. */
  async readFile(slot: DriftSlot, bytes: ArrayBuffer, fileName: string, onProgress?: ProgressCallback): Promise<DriftTableSummary> {
    delete tables[slot]
    const { table: read, warnings } = await readDataFile(new Uint8Array(bytes), fileName, throttleProgress(onProgress))
    tables[slot] = read
    return { fileName, rows: read.rowCount, columns: read.columns.map((c) => c.name), warnings }
  },

  /** The drift report of the current file against the chosen reference. */
  report(request: DriftRunRequest, onProgress?: ProgressCallback): DriftReport {
    const current = table('current')
    if (request.reference === 'model') {
      if (!model) throw new StudioError('drift-no-model', 'monitor: no reference model is loaded; choose a model first')
      return driftReport({ reference: { kind: 'bundle', bundle: model.bundle }, current, options: request.options, onProgress: throttleProgress(onProgress) })
    }
    return driftReport({ reference: { kind: 'dataset', table: table('reference') }, current, options: request.options, onProgress: throttleProgress(onProgress) })
  },

  /** The report as the HTML document (inline CSS and SVG, no script) or the JSON the CLI writes. */
  exportReport(report: DriftReport, format: 'html' | 'json'): string {
    return format === 'html' ? renderDriftHtml(report) : driftReportJson(report)
  },
}

export type DriftWorkerApi = typeof api

Comlink.expose(api)
