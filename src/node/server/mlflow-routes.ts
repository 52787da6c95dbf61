/**
 * MLflow's scoring protocol, so existing MLflow clients work unchanged:
 * `POST /invocations` (JSON in the four pandas/TF-serving shapes, or
 * text/csv read by core's CSV reader), `GET /ping`, `/health` and `/version`.
 *
 * MLflow serves one model per server; with a directory of several, name it
 * with `?model=<name>` (and `&version=<v>`); otherwise the single model's
 * Production version answers. Response:
 *   {"predictions": [{"label": "1", "probabilities": {"0": 0.07, "1": 0.93}}, …]}
 * (`{"value": …}` for regression, `null` for a row a validation rule refused),
 * plus "warnings" and "issues" when there are any.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { BatchResult } from '../../core/bundle/predict-types'
import { parseCsv } from '../../core/table/read/csv'
import { HttpError } from './errors'
import { route } from './method-routes'
import { readMlflowBody } from './mlflow-payload'
import { explainQuery, predictRows, predictTable, requireModel, type ServerContext } from './prediction'
import type { ServedModel } from './served-model'

/** Content types /invocations reads as CSV. */
const CSV_TYPES = ['text/csv', 'application/csv']

/** Registers the MLflow routes (in their own scope, where text/csv bodies are read as text). */
export async function mlflowRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.addContentTypeParser(CSV_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body))

  const ping = async (_request: FastifyRequest, reply: FastifyReply) => {
    const ready = ctx.store.snapshot.ready
    return reply.code(ready ? 200 : 503).type('text/plain; charset=utf-8').send(ready ? '\n' : 'no model loaded\n')
  }
  route(app, '/ping', { GET: ping })
  route(app, '/health', { GET: ping })
  route(app, '/version', { GET: async (_request, reply) => reply.type('text/plain; charset=utf-8').send(`${ctx.version}\n`) })

  route(app, '/invocations', {
    POST: async (request, reply) => {
      const model = chooseModel(ctx, request.query)
      const body = request.body
      let result: BatchResult
      if (isCsv(request.headers['content-type'])) {
        // text/csv: core's reader makes the table (separators, quoting, decimal commas) as it does for files.
        const { table } = parseCsv(body as string, 'request body')
        result = predictTable(ctx, request, reply, model, table, explainQuery(request.query))
      } else {
        const parsed = readMlflowBody(body, model.predictor.inputSchema.map((c) => c.name))
        result = predictRows(ctx, request, reply, model, parsed.input, parsed.explain || explainQuery(request.query))
      }
      return reply.type('application/json; charset=utf-8').send(mlflowResponse(result))
    },
  })
}

/** True for a text/csv (or application/csv) Content-Type, whatever its parameters. */
function isCsv(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0].trim().toLowerCase()
  return type !== undefined && CSV_TYPES.includes(type)
}

/** The model /invocations answers with: `?model=` (and `?version=`), else the only one served. */
function chooseModel(ctx: ServerContext, query: unknown): ServedModel {
  const snapshot = ctx.store.snapshot
  const { model: name, version } = (query ?? {}) as { model?: unknown; version?: unknown }
  if (typeof name === 'string' && name !== '') return requireModel(snapshot, name, typeof version === 'string' && version !== '' ? version : undefined)
  const only = snapshot.only()
  if (only) return only
  if (!snapshot.ready) throw new HttpError(503, 'not-ready', 'invocations: no model is loaded yet', { expected: 'a loaded model' })
  const names = [...snapshot.groups.keys()].join(', ')
  throw new HttpError(400, 'model-ambiguous', `invocations: this server serves several models (${names}); name one with ?model=<name>`, { expected: `?model= one of ${names}` })
}

/** MLflow's response shape; warnings and issues only when there are any. */
export function mlflowResponse(result: BatchResult): Record<string, unknown> {
  const body: Record<string, unknown> = { predictions: result.rows }
  if (result.warnings.length > 0) body.warnings = result.warnings
  if (result.issues.length > 0) body.issues = result.issues
  return body
}
