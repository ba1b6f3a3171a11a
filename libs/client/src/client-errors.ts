/**
 * What a call to a Pxxl API can fail with. An answer with an error status is
 * a PxxlApiError carrying the API's stable `code`; no answer at all (refused
 * connection, DNS, timeout) is a PxxlUnreachableError. Neither ever holds the
 * caller's key: requests are described by method and path only.
 */
export class PxxlApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
    readonly request: { method: string; url: string },
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'PxxlApiError';
  }
}

export class PxxlUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly reason: 'timeout' | 'connection',
    detail: string,
  ) {
    super(reason === 'timeout' ? `${url} did not answer in time` : `cannot reach ${url}: ${detail}`);
    this.name = 'PxxlUnreachableError';
  }
}
