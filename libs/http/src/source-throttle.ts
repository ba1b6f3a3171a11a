import type { FastifyInstance } from 'fastify';
import { AttemptThrottle } from './attempt-throttle';
import { ApiError } from './api-error';

export interface SourceThrottleOptions {
  /** Failed authentications or verifications per source address and window (default 100 per minute). */
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}

const FAILED_VERIFY = /"code":"NOT_FOUND"/;

/**
 * Per-source brute-force limit: a source address that collected too many
 * failures (401 answers, or a verification answered NOT_FOUND) is answered
 * 429 on every route until its window passes, before any work is done.
 */
export function registerSourceThrottle(fastify: FastifyInstance, options: SourceThrottleOptions): void {
  const throttle = new AttemptThrottle(options.maxFailures, options.windowMs, options.now);
  fastify.addHook('onRequest', async (request, reply) => {
    const wait = throttle.retryAfterMs(request.ip);
    if (wait === 0) return;
    const error = new ApiError(429, 'TOO_MANY_FAILURES_FROM_SOURCE', 'too many failed attempts from this address; try again later', {
      retryAfterSeconds: Math.ceil(wait / 1000),
    });
    await reply.status(429).header('Retry-After', String(Math.ceil(wait / 1000))).send(error.toBody());
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode === 401 || (reply.statusCode === 200 && typeof payload === 'string' && FAILED_VERIFY.test(payload))) {
      throttle.recordFailure(request.ip);
    }
    return payload;
  });
}
