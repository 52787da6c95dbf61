import type { ModelBundle } from '../../../../src/core/bundle/bundle'
import { RUN_SCHEMA_VERSION, type RunRecord } from '../../../../src/core/tracking/run-schema'

/** Test records shared by the tracking and storage tests: small, valid, and easy to vary. */

/** The smallest model bundle parseBundle accepts (version 2): a logistic regression on one number column. */
export function tinyBundle(): ModelBundle {
  return {
    format: 'clinical-ml-studio/model-bundle',
    version: 2,
    createdAt: '2026-01-01T00:00:00.000Z',
    task: 'binary',
    target: { name: 'y', labels: ['no', 'yes'], positiveLabel: 'yes' },
    inputSchema: [{ name: 'x', type: 'number', missingAllowed: false }],
    cleaning: { steps: [] },
    pipeline: { inputs: [{ name: 'x', type: 'number' }], steps: [], featureNames: ['x'] },
    model: { family: 'logistic', params: {}, classes: 2, features: 1, coef: [0.5], intercept: [0], featureStd: [1] },
    metrics: { heldOut: { auc: 0.9 } },
    reference: null,
    golden: [],
    dataset: { name: 'd.csv', fingerprint: 'f', rows: 10, columns: 2 },
    training: { seed: 1, testShare: 0.2, trainRows: 8, testRows: 2, iterations: 3, converged: true, durationMs: 10 },
  }
}

/** A run of the current schema, as the training page builds it (no tracking fields). */
export function makeRun(id: string, startedAt: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    schemaVersion: RUN_SCHEMA_VERSION, id, status: 'finished', startedAt, finishedAt: null, durationMs: 10,
    dataset: { name: 'd.csv', fingerprint: 'f', rows: 10, columns: 2 }, target: 'y', task: 'binary', features: ['x'],
    family: 'logistic', params: { C: 1 }, seed: 1, testShare: 0.2, metrics: { auc: 0.9 }, confusion: null, roc: null,
    featureImportance: [], iterations: 3, error: null, bundle: tinyBundle(), recipe: null, pipelineConfig: null,
    ...overrides,
  }
}

/** The same run as an older studio stored it: schema 1 has no recipe, pipeline configuration or tracking fields. */
export function schema1Run(id: string, startedAt: string, overrides: Partial<RunRecord> = {}): Record<string, unknown> {
  const old: Record<string, unknown> = { ...makeRun(id, startedAt, overrides), schemaVersion: 1 }
  delete old.recipe
  delete old.pipelineConfig
  return old
}

/** Schema 2: recipe and pipeline configuration, no tracking fields. */
export function schema2Run(id: string, startedAt: string, overrides: Partial<RunRecord> = {}): Record<string, unknown> {
  return { ...makeRun(id, startedAt, overrides), schemaVersion: 2 }
}
