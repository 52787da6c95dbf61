/**
 * The timed part of the drift bench, shared by the Node worker_thread and the
 * Chromium worker: core's driftReport on two tables, repeated, then its JSON
 * and HTML once. Pure TypeScript, so both workers run exactly this.
 */
import { renderDriftHtml } from '../../src/core/drift/html/render-report'
import { driftReport, driftReportJson } from '../../src/core/drift/report'
import type { Table } from '../../src/core/types'

/** One column's result, as the suite compares it with scipy's. */
export interface TimedColumn {
  name: string
  test: string
  statistic: number | null
  pValue: number | null
  distance: number | null
  psi: number | null
  drifted: boolean
}

export interface DriftTiming {
  /** Wall seconds of each driftReport call. */
  seconds: number[]
  jsonSeconds: number
  htmlSeconds: number
  htmlBytes: number
  share: number
  datasetDrift: boolean
  columns: TimedColumn[]
}

export function timeDrift(reference: Table, current: Table, repeats: number): DriftTiming {
  const seconds: number[] = []
  let report = null
  for (let r = 0; r < repeats; r++) {
    const started = performance.now()
    report = driftReport({ reference: { kind: 'dataset', table: reference }, current, now: '2026-01-01T00:00:00.000Z' })
    seconds.push((performance.now() - started) / 1000)
  }
  if (!report) throw new Error('drift bench: repeats must be at least 1')
  let started = performance.now()
  driftReportJson(report)
  const jsonSeconds = (performance.now() - started) / 1000
  started = performance.now()
  const html = renderDriftHtml(report)
  const htmlSeconds = (performance.now() - started) / 1000
  return {
    seconds,
    jsonSeconds,
    htmlSeconds,
    htmlBytes: html.length,
    share: report.share,
    datasetDrift: report.datasetDrift,
    columns: report.columns.map((c) => ({ name: c.name, test: c.test, statistic: c.statistic, pValue: c.pValue, distance: c.distance, psi: c.psi, drifted: c.drifted })),
  }
}
