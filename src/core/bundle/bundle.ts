import { StudioError } from '../errors'
import type { ModelJSON } from '../model/estimator'
import type { PipelineJSON } from '../pipeline/pipeline'
import type { InputColumn } from '../pipeline/schema'
import type { Task } from '../types'

export const BUNDLE_FORMAT = 'clinical-ml-studio/model-bundle'
export const BUNDLE_VERSION = 1

/**
 * A trained model as one JSON document: everything a server needs to predict
 * (input schema, fitted feature pipeline, model, label names) and everything a
 * person needs to trust it (metrics, dataset identity, how it was trained).
 */
export interface ModelBundle {
  format: typeof BUNDLE_FORMAT
  version: typeof BUNDLE_VERSION
  createdAt: string
  task: Task
  target: { name: string; labels: string[]; positiveLabel: string | null }
  inputSchema: InputColumn[]
  pipeline: PipelineJSON
  model: ModelJSON
  metrics: Record<string, number | null>
  dataset: { name: string; fingerprint: string; rows: number; columns: number }
  training: { seed: number; testShare: number; trainRows: number; testRows: number; iterations: number; converged: boolean; durationMs: number }
}

/**
 * Validates a parsed JSON document as a model bundle, naming the first field
 * that is wrong. Older versions would be migrated here; a newer version is
 * refused rather than misread.
 */
export function parseBundle(json: unknown): ModelBundle {
  const doc = expectObject(json, 'bundle')
  if (doc.format !== BUNDLE_FORMAT) {
    throw new StudioError('bundle-invalid', `bundle: format is ${JSON.stringify(doc.format)}; expected "${BUNDLE_FORMAT}" — is this a Clinical ML Studio model file?`)
  }
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version)) {
    throw new StudioError('bundle-invalid', `bundle: version is ${JSON.stringify(doc.version)}; expected an integer`)
  }
  if (doc.version > BUNDLE_VERSION) {
    throw new StudioError('bundle-version', `bundle: version ${doc.version} is newer than this studio reads (${BUNDLE_VERSION}); update the studio`)
  }
  if (doc.version < 1) throw new StudioError('bundle-invalid', `bundle: version ${doc.version} does not exist; expected 1 to ${BUNDLE_VERSION}`)
  const task = doc.task
  if (task !== 'binary' && task !== 'multiclass' && task !== 'regression') {
    throw new StudioError('bundle-invalid', `bundle: task is ${JSON.stringify(task)}; expected binary, multiclass or regression`)
  }
  const target = expectObject(doc.target, 'bundle.target')
  expectString(target.name, 'bundle.target.name')
  expectArray(target.labels, 'bundle.target.labels').forEach((l, i) => expectString(l, `bundle.target.labels[${i}]`))
  const schema = expectArray(doc.inputSchema, 'bundle.inputSchema')
  schema.forEach((entry, i) => {
    const column = expectObject(entry, `bundle.inputSchema[${i}]`)
    expectString(column.name, `bundle.inputSchema[${i}].name`)
    if (column.type !== 'number' && column.type !== 'category') {
      throw new StudioError('bundle-invalid', `bundle: inputSchema[${i}].type is ${JSON.stringify(column.type)}; expected "number" or "category"`)
    }
  })
  const pipeline = expectObject(doc.pipeline, 'bundle.pipeline')
  expectArray(pipeline.steps, 'bundle.pipeline.steps')
  expectArray(pipeline.featureNames, 'bundle.pipeline.featureNames')
  const model = expectObject(doc.model, 'bundle.model')
  expectString(model.family, 'bundle.model.family')
  expectObject(doc.metrics, 'bundle.metrics')
  expectObject(doc.dataset, 'bundle.dataset')
  expectObject(doc.training, 'bundle.training')
  return doc as unknown as ModelBundle
}

function expectObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StudioError('bundle-invalid', `${field} is ${value === undefined ? 'missing' : JSON.stringify(value)?.slice(0, 40)}; expected an object`)
  }
  return value as Record<string, unknown>
}

function expectArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new StudioError('bundle-invalid', `${field} is ${value === undefined ? 'missing' : typeof value}; expected an array`)
  return value
}

function expectString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new StudioError('bundle-invalid', `${field} is ${value === undefined ? 'missing' : JSON.stringify(value)}; expected text`)
  return value
}
