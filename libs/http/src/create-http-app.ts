import type { LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExceptionFilter, type ErrorMapper } from './api-exception.filter';
import { createValidationPipe } from './validation.pipe';

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

export interface HttpAppOptions {
  logger: LoggerService;
  errorMapper?: ErrorMapper;
  bodyLimit?: number;
}

/**
 * A Fastify-backed Nest app with the shared conventions: JSON errors
 * `{code, message, details}`, strict validation, a body limit, and no
 * framework logging of requests (which could carry tokens).
 */
export async function createHttpApp(module: Type<unknown> | object, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT_BYTES;
  const adapter = new FastifyAdapter({ bodyLimit, logger: false, return503OnClosing: true });
  const app = await NestFactory.create<NestFastifyApplication>(module as Type<unknown>, adapter, {
    logger: options.logger,
    abortOnError: false,
  });
  // Nest routes Fastify's own errors (body parsing, size, media type) through this filter too.
  app.useGlobalFilters(new ApiExceptionFilter(options.errorMapper, bodyLimit));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}
