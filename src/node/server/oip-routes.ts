/**
 * The Open Inference Protocol v2 (KServe, Triton, Seldon) over REST:
 * server and model health and metadata, and inference with one input tensor
 * per column. A model's name without a version answers with its Production
 * version (the highest version when none is in Production).
 */
import type { FastifyInstance } from 'fastify'
import { HttpError } from './errors'
import { route } from './method-routes'
import { inferResponse, modelMetadata } from './oip-response'
import { readInferBody } from './oip-payload'
import { predictRows, requireModel, type ServerContext } from './prediction'

interface ModelParams {
  name: string
  version?: string
}

/** Registers the /v2 routes. */
export async function oipRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  route(app, '/v2', { GET: async () => ({ name: 'clinical-ml-studio', version: ctx.version, extensions: [] }) })
  route(app, '/v2/health/live', { GET: async () => ({ live: true }) })
  route(app, '/v2/health/ready', {
    GET: async (_request, reply) => {
      const ready = ctx.store.snapshot.ready
      return reply.code(ready ? 200 : 503).send({ ready })
    },
  })

  for (const base of ['/v2/models/:name', '/v2/models/:name/versions/:version']) {
    route(app, base, {
      GET: async (request) => {
        const { name, version } = request.params as ModelParams
        const snapshot = ctx.store.snapshot
        const model = requireModel(snapshot, name, version)
        return modelMetadata(model, snapshot.groups.get(name)?.versions.map((m) => m.version) ?? [model.version])
      },
    })
    route(app, `${base}/ready`, {
      GET: async (request) => {
        const { name, version } = request.params as ModelParams
        const model = requireModel(ctx.store.snapshot, name, version)
        return { name: model.name, ready: true }
      },
    })
    route(app, `${base}/infer`, {
      POST: async (request, reply) => {
        const { name, version } = request.params as ModelParams
        // Resolve once: a swap during this request cannot change the model under it.
        const model = requireModel(ctx.store.snapshot, name, version)
        if (typeof request.body !== 'object' || request.body === null) {
          throw new HttpError(400, 'input-shape', 'infer: expected a JSON body (Content-Type: application/json)', { expected: 'a JSON inference request' })
        }
        const parsed = readInferBody(request.body)
        const result = predictRows(ctx, request, reply, model, parsed.input, parsed.explain)
        return reply.type('application/json; charset=utf-8').send(inferResponse(model, parsed, result))
      },
    })
  }
}
