import type { Readable } from 'node:stream';
import { Agent, errors, request } from 'undici';
import { PxxlApiError, PxxlUnreachableError } from './client-errors';

export interface HttpTransportOptions {
  /** Base URL, e.g. http://127.0.0.1:3000 (a path prefix is kept: https://gw.example/pxxl). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; never put in a URL, an error or a log line. */
  apiKey?: string;
  /** Bound on connecting and on each wait for data (headers, then each body chunk). */
  timeoutMs?: number;
  userAgent?: string;
}

export type Query = Record<string, string | number | undefined>;

export interface CallOptions {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Answer<T> {
  status: number;
  headers: Record<string, string | undefined>;
  body: T;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * JSON over HTTP to one Pxxl app: one keep-alive connection pool, every wait
 * bounded, every error status turned into a PxxlApiError with the API's code.
 */
export class HttpTransport {
  private readonly agent: Agent;
  private readonly base: string;
  /** The base as shown in errors: without any user:password part. */
  private readonly shown: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpTransportOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.shown = withoutCredentials(this.base);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      connections: 4,
      connect: { timeout: this.timeoutMs },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  get baseUrl(): string {
    return this.shown;
  }

  async json<T>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const answer = await this.send(method, path, options);
    const text = await answer.body.text();
    return { status: answer.status, headers: answer.headers, body: (text === '' ? undefined : JSON.parse(text)) as T };
  }

  /** The body as a stream, for exports that are never held whole. */
  async stream(method: string, path: string, options: CallOptions = {}): Promise<Answer<Readable>> {
    const answer = await this.send(method, path, options);
    return { status: answer.status, headers: answer.headers, body: answer.body };
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private async send(method: string, path: string, options: CallOptions) {
    const url = this.url(path, options.query);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.options.userAgent ?? 'pxxl-keys-client', ...options.headers };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Awaited<ReturnType<typeof request>>;
    try {
      response = await request(url, {
        method: method as 'GET',
        dispatcher: this.agent,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (error) {
      throw unreachable(`${this.shown}${path}`, error);
    }
    const flat = flatten(response.headers);
    if (response.statusCode >= 400) {
      const text = await response.body.text().catch(() => '');
      throw apiError(response.statusCode, text, flat, { method, url: `${this.shown}${path}` });
    }
    return { status: response.statusCode, headers: flat, body: response.body };
  }

  private url(path: string, query: Query = {}): string {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
    const search = params.toString();
    return `${this.base}${path}${search ? `?${search}` : ''}`;
  }
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return flat;
}

function apiError(status: number, text: string, headers: Record<string, string | undefined>, request: { method: string; url: string }): PxxlApiError {
  let body: { code?: unknown; message?: unknown; details?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    /* not one of ours: a proxy's page, say */
  }
  const retryAfter = Number(headers['retry-after']);
  return new PxxlApiError(
    status,
    typeof body.code === 'string' ? body.code : `HTTP_${status}`,
    typeof body.message === 'string' ? body.message : `answered ${status} without a Pxxl error body (is this URL a Pxxl app?)`,
    typeof body.details === 'object' && body.details !== null ? (body.details as Record<string, unknown>) : {},
    request,
    Number.isFinite(retryAfter) && headers['retry-after'] ? retryAfter : null,
  );
}

function unreachable(url: string, error: unknown): PxxlUnreachableError {
  const timedOut =
    error instanceof errors.ConnectTimeoutError || error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError;
  const cause = (error as { cause?: { code?: string } }).cause;
  const detail = (error as { code?: string }).code ?? cause?.code ?? (error instanceof Error ? error.message : String(error));
  return new PxxlUnreachableError(url, timedOut ? 'timeout' : 'connection', detail);
}

function withoutCredentials(base: string): string {
  try {
    const url = new URL(base);
    if (!url.username && !url.password) return base;
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return base;
  }
}
