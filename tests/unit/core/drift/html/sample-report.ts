/** A hand-written drift report for testing the HTML renderer (every kind of row, a prediction and performance). */
import type { ColumnDrift, DriftReport } from '../../../../../src/core/drift/types'

export function column(overrides: Partial<ColumnDrift> & Pick<ColumnDrift, 'name'>): ColumnDrift {
  return {
    kind: 'number',
    test: 'wasserstein',
    statistic: 0.02,
    pValue: null,
    distance: 0.02,
    threshold: 0.1,
    psi: 0.01,
    drifted: false,
    score: 0.2,
    overridden: false,
    binned: false,
    referenceRows: 5000,
    currentRows: 4000,
    referenceMissingShare: 0,
    currentMissingShare: 0.05,
    distribution: { edges: [0, 10, 20, 30], reference: [0.3, 0.4, 0.3], current: [0.2, 0.3, 0.5] },
    ...overrides,
  }
}

export function sampleReport(): DriftReport {
  return {
    format: 'clinical-ml-studio/drift-report',
    version: 1,
    createdAt: '2026-12-02T04:00:00.000Z',
    reference: { source: 'dataset', name: 'train<2025>.csv', rows: 5000 },
    current: { name: 'clinic & "ward" 2026.csv', rows: 4000 },
    columns: [
      column({ name: 'Age', score: 0.2 }),
      column({ name: 'BMI', test: 'wasserstein', statistic: 0.31, distance: 0.31, psi: 0.42, drifted: true, score: 3.1 }),
      column({
        name: '<img src=x onerror=alert(1)>',
        kind: 'category',
        test: 'jensenshannon',
        statistic: 0.15,
        distance: 0.15,
        drifted: true,
        score: 1.5,
        distribution: { categories: ['<b>north</b>', 'south'], reference: [0.5, 0.5], current: [0.8, 0.2] },
      }),
      column({ name: 'Smoker', kind: 'binary', test: 'z', statistic: -2.5, pValue: 0.0124, distance: null, threshold: 0.01, score: 0.95, overridden: true }),
      column({ name: 'Tremor', test: 'ks', statistic: 0.4, pValue: 1.2e-30, distance: null, threshold: 0.05, drifted: true, score: 23 }),
      column({
        name: 'Ethnicity',
        kind: 'category',
        test: 'jensenshannon',
        statistic: null,
        distance: null,
        psi: null,
        drifted: false,
        score: Number.NaN,
        currentRows: 0,
        distribution: null,
        problem: { code: 'drift/missing-column', message: 'column "Ethnicity" is in the reference but not in the current data' },
      }),
    ],
    share: 0.6,
    driftShare: 0.5,
    datasetDrift: true,
    missingColumns: ['Ethnicity'],
    extraColumns: ['Ward<script>'],
    prediction: column({ name: 'predicted probability of Parkinson', test: 'psi', statistic: 0.05, distance: 0.05, psi: 0.05, score: 0.25, binned: true }),
    performance: {
      task: 'binary',
      currentRows: 4000,
      metrics: [
        { name: 'auc', training: 0.91, current: 0.84 },
        { name: 'accuracy', training: 0.85, current: null },
      ],
    },
    warnings: ['1 column <missing> from the current data'],
  }
}
