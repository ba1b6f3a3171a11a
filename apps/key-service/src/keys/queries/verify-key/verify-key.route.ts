import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { answerVerify } from './verify-key.controller';
import { VerifyKeyHandler } from './verify-key.handler';
import type { VerifyKeyQuery } from './verify-key.query';

const VERIFY_PATH = '/v1/verify';

/**
 * POST /v1/verify is the hot path of every internal service: it is served by
 * a plain Fastify handler put in place of Nest's when Nest registers the
 * route, so that a warm verify skips Nest's per-request router context
 * (param pipes, interceptor and guard chains) and the QueryBus. Everything
 * else stays as for every route: the controller still declares it (OpenAPI,
 * the 405 table), Fastify's hooks still run (browser-use refusal, metrics), a
 * thrown ApiError still reaches the app's exception filter (Nest's Fastify
 * error handler), and the answer is the controller's own (answerVerify).
 */
export function serveVerifyFromFastify(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const handler = app.get(VerifyKeyHandler);
  const execute = (query: VerifyKeyQuery) => handler.execute(query);
  fastify.addHook('onRoute', (route) => {
    if (route.url !== VERIFY_PATH || route.method !== 'POST') return;
    route.handler = (request) => answerVerify(execute, request.body, request.ip, request.headers.authorization);
  });
}
