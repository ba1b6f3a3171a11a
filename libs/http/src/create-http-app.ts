import { Module, type LoggerService, type OnApplicationShutdown, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExceptionFilter, type ErrorMapper } from './api-exception.filter';
import { installBrowserUseRefusal, type BrowserUseListener } from './browser-use';
import { registerFormBodyParser } from './form-body-parser';
import { registerJsonBodyParser } from './json-body-parser';
import { installHttpMetrics, metricsOf } from './metrics.module';
import { registerMethodNotAllowed } from './method-not-allowed';
import { registerTextBodyParser } from './text-body-parser';
import { createValidationPipe } from './validation.pipe';
import { nameActiveRequestSpan, stopTracing, tracingEnabled } from '@pxxl/observability';

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Requests Node's HTTP parser refuses before any route runs (header injection,
 * oversized headers, garbage): answered in the common error shape too.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const [status, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'HEADERS_TOO_LARGE', 'the request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'the request took too long to arrive']
        : [400, 'MALFORMED_HTTP_REQUEST', 'the request is not valid HTTP'];
  const body = JSON.stringify({ code, message, details: {} });
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** With tracing on, the app's shutdown (SIGTERM) exports the spans still batched before the process ends. */
class TracingShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return stopTracing();
  }
}

@Module({})
class TracedApp {}

export interface HttpAppOptions {
  logger: LoggerService;
  errorMapper?: ErrorMapper;
  bodyLimit?: number;
  /**
   * Proxies (IPs or CIDRs) whose X-Forwarded-For sets `request.ip`; from anyone else
   * the header is ignored. Empty or absent: `request.ip` is the connection's peer.
   */
  trustedProxies?: readonly string[];
  /** A provider of the app (its injection token) told about refused browser use, to record it for the key. */
  browserUseListener?: string | symbol;
  /** Server-rendered pages under this path prefix (the dashboard): HTML form posts are accepted there only. */
  formPaths?: { prefix: string; keyEntryRoutes?: readonly string[] };
  /** Routes (exact paths) that take a `text/plain` body; everywhere else such a body answers 415. */
  textPaths?: readonly string[];
}

/**
 * A Fastify-backed Nest app with the shared conventions: JSON errors
 * `{code, message, details}`, strict validation, a body limit, no
 * framework logging of requests (which could carry tokens), no CORS, and
 * keys refused when a browser presents them (BROWSER_USE_FORBIDDEN).
 */
export async function createHttpApp(module: Type<unknown> | object, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT_BYTES;
  const adapter = new FastifyAdapter({
    bodyLimit,
    logger: false,
    return503OnClosing: true,
    trustProxy: options.trustedProxies && options.trustedProxies.length > 0 ? [...options.trustedProxies] : false,
    clientErrorHandler: answerClientError,
    // Long garbage ids reach our own validation (400) instead of Fastify's bare 414.
    routerOptions: { maxParamLength: 4096 },
  });
  const root = tracingEnabled() ? { module: TracedApp, imports: [module as Type<unknown>], providers: [TracingShutdown] } : module;
  const app = await NestFactory.create<NestFastifyApplication>(root as Type<unknown>, adapter, {
    logger: options.logger,
    abortOnError: false,
    bodyParser: false,
  });
  registerJsonBodyParser(app.getHttpAdapter().getInstance(), bodyLimit);
  if (options.formPaths) registerFormBodyParser(app.getHttpAdapter().getInstance(), bodyLimit, options.formPaths.prefix);
  if (options.textPaths) registerTextBodyParser(app.getHttpAdapter().getInstance(), bodyLimit, options.textPaths);
  // Hooks added before init apply to every route Nest registers, and to the 404 handler.
  const listener = options.browserUseListener ? app.get<unknown, BrowserUseListener>(options.browserUseListener) : undefined;
  installBrowserUseRefusal(app.getHttpAdapter().getInstance(), listener, { keyEntryRoutes: options.formPaths?.keyEntryRoutes });
  registerMethodNotAllowed(app.getHttpAdapter().getInstance());
  if (tracingEnabled()) {
    // The HTTP instrumentation's span, named by route template (POST /v1/keys/:id/revoke) once Fastify has matched it.
    app.getHttpAdapter().getInstance().addHook('onRequest', (request, _reply, done) => {
      nameActiveRequestSpan(request.method, request.routeOptions.url ?? 'unmatched');
      done();
    });
  }
  const metrics = metricsOf(app);
  if (metrics) installHttpMetrics(app.getHttpAdapter().getInstance(), metrics);
  // Nest routes Fastify's own errors (body parsing, size, media type) through this filter too.
  app.useGlobalFilters(new ApiExceptionFilter(options.errorMapper, bodyLimit));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}
