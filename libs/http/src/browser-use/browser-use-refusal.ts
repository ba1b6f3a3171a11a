import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../api-error';
import { bearerToken, bodyKey, detectBrowserSignals, isCorsPreflight, mayCarryBrowserSignals, type BrowserSignals } from './browser-signals';

/** A refused attempt, handed to the app so it can record it for the key. The token never leaves memory. */
export interface BrowserUseAttempt extends BrowserSignals {
  token: string;
  /** `<METHOD> <route pattern>` (never the query string). */
  route: string;
}

/** Told about every refused request that carried a key; must not throw or block (record in the background). */
export interface BrowserUseListener {
  browserUseRefused(attempt: BrowserUseAttempt): void;
}

export const BrowserUseErrors = {
  forbidden: (reasons: string[]) =>
    new ApiError(
      403,
      'BROWSER_USE_FORBIDDEN',
      `Pxxl API keys are for backend services only, and this request carries a key together with browser signals (${reasons.join(', ')}). ` +
        'A key in browser JavaScript is visible to everyone who loads the page: call the Pxxl API from your backend instead (docs/security.md).',
      { signals: reasons, docs: 'docs/security.md' },
    ),
  preflight: () =>
    new ApiError(
      403,
      'BROWSER_USE_FORBIDDEN',
      'This API does not answer browsers: Pxxl API keys are for backend services only, so there is no CORS access (docs/security.md).',
      { signals: ['CORS preflight'], docs: 'docs/security.md' },
    ),
};

function routeOf(request: FastifyRequest): string {
  const pattern = request.routeOptions?.url ?? request.url.split('?')[0];
  return `${request.method} ${pattern}`.slice(0, 300);
}

function refuse(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.status(error.status).headers(error.headers).send(error.toBody());
}

export interface BrowserUseRefusalOptions {
  /**
   * `<METHOD> <path>` of sign-in forms where a person pastes a key into a
   * page (the dashboard's): there a key in the body from a browser is the
   * point. A Bearer header from a browser is refused there too.
   */
  keyEntryRoutes?: readonly string[];
}

/**
 * Refuses, on every route of the app, a request that presents a platform key
 * (Bearer header, or `key` in the body) together with browser signals, and
 * every CORS preflight (never with permissive Access-Control-* headers).
 * Header checks run on request, before the body is read; the body key is
 * checked once the body is parsed. Runs before any guard or handler.
 */
export function installBrowserUseRefusal(fastify: FastifyInstance, listener?: BrowserUseListener, options: BrowserUseRefusalOptions = {}): void {
  const keyEntryRoutes = new Set(options.keyEntryRoutes ?? []);
  const check = (request: FastifyRequest, reply: FastifyReply, token: string | null): FastifyReply | undefined => {
    if (token === null || !mayCarryBrowserSignals(request.headers)) return undefined;
    const { signals, reasons } = detectBrowserSignals(request.headers);
    if (reasons.length === 0) return undefined;
    listener?.browserUseRefused({ token, ...signals, route: routeOf(request) });
    return refuse(reply, BrowserUseErrors.forbidden(reasons));
  };

  // Callback hooks, not async ones: they run on every request, POST /v1/verify's hot path included,
  // and an async hook costs a promise and a microtask turn each. A hook that answers does not call done.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (isCorsPreflight(request.method, request.headers)) return void refuse(reply, BrowserUseErrors.preflight());
    if (check(request, reply, bearerToken(request.headers)) === undefined) done();
  });

  fastify.addHook('preValidation', (request, reply, done) => {
    if (bearerToken(request.headers) !== null) return done(); // decided on request already
    const token = bodyKey(request.body);
    if (token === null || (keyEntryRoutes.size > 0 && keyEntryRoutes.has(`${request.method} ${request.url.split('?')[0]}`))) return done();
    if (check(request, reply, token) === undefined) done();
  });
}
