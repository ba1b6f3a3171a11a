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
  // Not `instanceof Error`: Node's own socket errors may come from another realm (a vm, jest).
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { name, code, message, cause } = error as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
  if (STORE_ERRORS.has(String(name)) || SOCKET_CODES.has(String(code)) || (typeof message === 'string' && STORE_MESSAGES.test(message))) return true;
  return isStoreUnavailable(cause, depth + 1);
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
    // Fastify's FST_ERR_CTP_INVALID_CONTENT_LENGTH: the bytes sent are not the bytes announced.
    if (status === 400 && /Content-Length/i.test(error.message)) return ApiErrors.malformedHttpRequest();
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
