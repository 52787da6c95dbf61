/**
 * Routes with a proper 405: Fastify answers 404 for a known path with a
 * method it has no handler for. Every path here is registered with its
 * methods, and the other methods answer 405 Method Not Allowed with an
 * `Allow` header (OPTIONS answers 204 with the same header), before any body
 * is read, so a wrong method is 405 whatever it carries.
 */
import type { FastifyInstance, HTTPMethods, RouteHandlerMethod, RouteShorthandOptions } from 'fastify'
import { HttpError, sendError } from './errors'

const ALL_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']

export interface PathHandlers {
  GET?: RouteHandlerMethod
  POST?: RouteHandlerMethod
  /** Route options for the POST handler (content types, body limit). */
  postOptions?: RouteShorthandOptions
}

/** Registers `path` with its handlers (GET also answers HEAD), and 405/OPTIONS for every other method. */
export function route(app: FastifyInstance, path: string, handlers: PathHandlers): void {
  const allowed: HTTPMethods[] = []
  if (handlers.GET) {
    app.get(path, handlers.GET)
    allowed.push('GET', 'HEAD')
  }
  if (handlers.POST) {
    app.post(path, handlers.postOptions ?? {}, handlers.POST)
    allowed.push('POST')
  }
  const allow = [...allowed, 'OPTIONS'].join(', ')
  const others = ALL_METHODS.filter((m) => !allowed.includes(m))
  app.route({
    method: others,
    url: path,
    // Answer before the body is parsed: a wrong method is 405 whatever the content type.
    onRequest: async (request, reply) => {
      if (request.method === 'OPTIONS') return reply.code(204).header('allow', allow).send()
      sendError(new HttpError(405, 'method-not-allowed', `${request.method} is not allowed here; use ${allowed.join(' or ')}`, { expected: allowed.join(' or '), allow }), request, reply)
      return reply
    },
    handler: async () => undefined,
  })
}
