import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiError, ApiErrors } from './api-error';

export type ErrorMapper = (error: unknown) => ApiError | undefined;

const STORE_ERRORS = new Set(['MongoServerSelectionError', 'MongoNetworkError', 'MongoNotConnectedError', 'MongoNetworkTimeoutError', 'MongoTopologyClosedError']);
/** Socket errors the driver lets through unwrapped when the server goes away mid-write. */
const SOCKET_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ERR_STREAM_WRITE_AFTER_END']);
const STORE_MESSAGES = /before initial connection|Client must be connected|connection .* closed|socket has been ended by the other party/i;

/** A driver or socket error, or any error caused by one (e.g. a verifier wrapping it as an outage). */
export function isStoreUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  if (STORE_ERRORS.has(error.name) || SOCKET_CODES.has((error as { code?: unknown }).code as string) || STORE_MESSAGES.test(error.message)) return true;
  return isStoreUnavailable((error as { cause?: unknown }).cause, depth + 1);
}

/** Turns Nest, Fastify and infrastructure errors into the common shape. */
export function toApiError(error: unknown, mapper?: ErrorMapper, bodyLimit = 0): ApiError {
  if (error instanceof ApiError) return error;
  const mapped = mapper?.(error);
  if (mapped) return mapped;
  // Nest hands Fastify's own errors over as HttpException(message, status), without Fastify's code.
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 400 && /JSON/i.test(error.message)) return ApiErrors.malformedJson();
    if (status === 404) return ApiErrors.routeNotFound();
    if (status === 413) return ApiErrors.payloadTooLarge(bodyLimit);
    if (status === 415) return ApiErrors.unsupportedMediaType();
    if (status < 500) return new ApiError(status, 'BAD_REQUEST', error.message);
  }
  if (isStoreUnavailable(error)) return ApiErrors.storeUnavailable();
  return ApiErrors.internal();
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(
    private readonly mapper?: ErrorMapper,
    private readonly bodyLimit = 0,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const apiError = toApiError(error, this.mapper, this.bodyLimit);
    if (apiError.status >= 500) this.logger.error(error instanceof Error ? error : String(error));
    void reply.status(apiError.status).headers(apiError.headers).send(apiError.toBody());
  }
}
