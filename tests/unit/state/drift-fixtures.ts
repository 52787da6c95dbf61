import type { ColumnDrift, DriftReport } from '../../../src/core/drift/types'

/** A column of a hand-written drift report (the page's tests need no real statistics, only report shapes). */
export function column(name: string, patch: Partial<ColumnDrift> = {}): ColumnDrift {
  return {
    name,
    kind: 'number',
    test: 'ks',
    statistic: 0.1,
    pValue: 0.5,
    distance: null,
    threshold: 0.05,
    psi: 0.01,
    drifted: false,
    score: 0.23,
    overridden: false,
    binned: false,
    referenceRows: 500,
    currentRows: 400,
    referenceMissingShare: 0,
    currentMissingShare: 0,
    distribution: { edges: [0, 1, 2], reference: [0.5, 0.5], current: [0.4, 0.6] },
    ...patch,
  }
}

export function report(columns: ColumnDrift[], patch: Partial<DriftReport> = {}): DriftReport {
  return {
    format: 'clinical-ml-studio/drift-report',
    version: 1,
    createdAt: '2026-12-02T04:00:00.000Z',
    reference: { source: 'dataset', name: 'train.csv', rows: 500 },
    current: { name: 'now.csv', rows: 400 },
    columns,
    share: 0,
    driftShare: 0.5,
    datasetDrift: false,
    missingColumns: [],
    extraColumns: [],
    prediction: null,
    performance: null,
    warnings: [],
    ...patch,
  }
}
