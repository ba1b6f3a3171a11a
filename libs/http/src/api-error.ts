/**
 * The one error shape every HTTP answer uses: `{code, message, details}`.
 * `code` is stable (clients switch on it); `message` is for people.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): { code: string; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export const ApiErrors = {
  validation: (fields: Array<{ field: string; problems: string[] }>) =>
    new ApiError(400, 'VALIDATION_FAILED', 'the request is invalid: see details.fields', { fields }),
  bodyRequired: () => new ApiError(400, 'BODY_REQUIRED', 'this request needs a JSON object body (application/json)'),
  invalidBody: () => new ApiError(400, 'INVALID_BODY', 'the request body must be a JSON object'),
  malformedHttpRequest: () => new ApiError(400, 'MALFORMED_HTTP_REQUEST', 'the request is not valid HTTP'),
  malformedJson: () => new ApiError(400, 'MALFORMED_JSON', 'the request body is not valid JSON'),
  unsupportedMediaType: () =>
    new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the request body as application/json'),
  payloadTooLarge: (limit: number) =>
    new ApiError(413, 'PAYLOAD_TOO_LARGE', `the request body exceeds ${limit} bytes`, { limitBytes: limit }),
  routeNotFound: () => new ApiError(404, 'ROUTE_NOT_FOUND', 'no such route: see /docs for the API'),
  storeUnavailable: () =>
    new ApiError(503, 'STORE_UNAVAILABLE', 'the key store is unreachable; retry shortly', {}, { 'Retry-After': '2' }),
  internal: () => new ApiError(500, 'INTERNAL_ERROR', 'an unexpected error occurred; it has been logged'),
};
