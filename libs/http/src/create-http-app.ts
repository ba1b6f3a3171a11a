import type { LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExceptionFilter, type ErrorMapper } from './api-exception.filter';
import { installBrowserUseRefusal, type BrowserUseListener } from './browser-use';
import { createValidationPipe } from './validation.pipe';

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

export interface HttpAppOptions {
  logger: LoggerService;
  errorMapper?: ErrorMapper;
  bodyLimit?: number;
  /** A provider of the app (its injection token) told about refused browser use, to record it for the key. */
  browserUseListener?: string | symbol;
}

/**
 * A Fastify-backed Nest app with the shared conventions: JSON errors
 * `{code, message, details}`, strict validation, a body limit, no
 * framework logging of requests (which could carry tokens), no CORS, and
 * keys refused when a browser presents them (BROWSER_USE_FORBIDDEN).
 */
export async function createHttpApp(module: Type<unknown> | object, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT_BYTES;
  const adapter = new FastifyAdapter({ bodyLimit, logger: false, return503OnClosing: true });
  const app = await NestFactory.create<NestFastifyApplication>(module as Type<unknown>, adapter, {
    logger: options.logger,
    abortOnError: false,
  });
  // Hooks added before init apply to every route Nest registers, and to the 404 handler.
  const listener = options.browserUseListener ? app.get<unknown, BrowserUseListener>(options.browserUseListener) : undefined;
  installBrowserUseRefusal(app.getHttpAdapter().getInstance(), listener);
  // Nest routes Fastify's own errors (body parsing, size, media type) through this filter too.
  app.useGlobalFilters(new ApiExceptionFilter(options.errorMapper, bodyLimit));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}
