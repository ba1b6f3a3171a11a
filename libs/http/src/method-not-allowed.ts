import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error';

/**
 * The paths an app serves and the methods each takes, learnt from the routes
 * as they are registered: a known path asked with another method is answered
 * `405 METHOD_NOT_ALLOWED` with an `Allow` header (RFC 9110 §15.5.6), not 404.
 */
export class RouteTable {
  private readonly routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  add(url: string, methods: string | string[]): void {
    let route = this.routes.get(url);
    if (!route) this.routes.set(url, (route = { pattern: patternOf(url), methods: new Set() }));
    for (const method of [methods].flat()) route.methods.add(method.toUpperCase());
  }

  /** The methods the path takes, sorted; empty when no route has this path. */
  allowedMethods(path: string): string[] {
    const allowed = new Set<string>();
    for (const { pattern, methods } of this.routes.values()) if (pattern.test(path)) for (const method of methods) allowed.add(method);
    return [...allowed].sort();
  }
}

/** `/v1/keys/:id` → `^/v1/keys/[^/]+/?$`; `*` matches the rest of the path. */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export const methodNotAllowed = (allowed: string[]) =>
  new ApiError(405, 'METHOD_NOT_ALLOWED', `this path takes ${allowed.join(', ')}`, { allowed }, { Allow: allowed.join(', ') });

/**
 * Records every route the app registers, and answers a request that no route
 * matched but whose path is known before anything else runs: before body
 * parsing too, so a `QUERY` without a body type is a 405 like a `TRACE`.
 */
export function registerMethodNotAllowed(fastify: FastifyInstance): RouteTable {
  const table = new RouteTable();
  fastify.addHook('onRoute', (route) => table.add(route.url, route.method));
  // A callback hook (no promise per request): it runs on every request and answers almost none.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.is404) return done();
    const allowed = table.allowedMethods(request.url.split('?')[0]);
    if (allowed.length === 0) return done();
    const error = methodNotAllowed(allowed);
    void reply.status(405).headers(error.headers).send(error.toBody());
  });
  return table;
}
