/**
 * The one place a route asks a model for predictions: core's Predictor
 * (predictRecords for JSON rows, predictTable for a CSV table a core reader
 * made), then metrics and the request's log facts. Routes stay protocol
 * adapters; the numbers are core's, the same the page and `npm run predict` give.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { BatchResult, RecordsInput } from '../../core/bundle/predict-types'
import type { Table } from '../../core/types'
import type { DriftMonitor } from './drift-monitor'
import { HttpError } from './errors'
import { inputQuality, tableQuality } from './input-monitor'
import { setRequestFacts } from './logging'
import type { ServerMetrics } from './metrics'
import type { ModelSnapshot, ServedModel } from './served-model'

/** What every route module gets: the models served now and the metrics. */
export interface ServerContext {
  store: { readonly snapshot: ModelSnapshot }
  metrics: ServerMetrics
  /** The live drift windows the predictions feed. */
  drift: DriftMonitor
  /** The studio's version, for /version and GET /v2. */
  version: string
}

/** Predicts JSON rows with `model`. */
export function predictRows(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply, model: ServedModel, input: RecordsInput, explain: boolean): BatchResult {
  markRequest(request, reply, model, input.rows.length)
  const result = model.predictor.predictRecords(input, { explain, observe: ctx.drift.observer(model) })
  ctx.metrics.observeBatch(model, result, inputQuality(model.predictor.inputSchema, input))
  return result
}

/** Predicts the rows of a table a core reader made (text/csv bodies) with `model`. */
export function predictTable(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply, model: ServedModel, table: Table, explain: boolean): BatchResult {
  markRequest(request, reply, model, table.rowCount)
  const result = model.predictor.predictTable(table, { explain, observe: ctx.drift.observer(model) })
  ctx.metrics.observeBatch(model, result, tableQuality(model.predictor.inputSchema, table))
  return result
}

/** Which model answered, for the log line and in response headers (clients see the version a swap gave them). */
function markRequest(request: FastifyRequest, reply: FastifyReply, model: ServedModel, rows: number): void {
  setRequestFacts(request, { model: model.name, version: model.version, rows })
  void reply.header('x-model-name', encodeURIComponent(model.name)).header('x-model-version', encodeURIComponent(model.version))
}

/** The model `name` (at `version`) from the current snapshot, or 404 naming what is served. */
export function requireModel(snapshot: ModelSnapshot, name: string, version?: string): ServedModel {
  const model = snapshot.resolve(name, version)
  if (model) return model
  const group = snapshot.groups.get(name)
  if (group) {
    const versions = group.versions.map((m) => m.version).join(', ')
    throw new HttpError(404, 'model-version-not-found', `model "${name}" has no version "${version}"; versions served: ${versions}`, { expected: `one of ${versions}` })
  }
  const names = [...snapshot.groups.keys()]
  throw new HttpError(404, 'model-not-found', `no model named "${name}" is served${names.length ? `; models served: ${names.join(', ')}` : ' (no model is loaded)'}`, {
    expected: names.length ? `one of ${names.join(', ')}` : 'a loaded model',
  })
}

/** `explain=true` (or 1) in the query string. */
export function explainQuery(query: unknown): boolean {
  const value = (query as Record<string, unknown> | undefined)?.explain
  return value === 'true' || value === '1' || value === ''
}
