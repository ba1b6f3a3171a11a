import type { ThrottledVerdict, Verdict, VerificationCode, VerificationResult } from '@pxxl/contracts';
import { Agent, request } from 'undici';
import { VerificationUnavailableError } from '@pxxl/verification';

export interface RemoteKeyVerifierOptions {
  /** Base URL of the key service, e.g. http://key-service:3000 */
  keyServiceUrl: string;
  /** Bound on one verification round trip, connect included. */
  timeoutMs: number;
  /** Sockets kept open to the key service. */
  connections?: number;
}

const CODES = new Set<VerificationCode>([
  'VALID',
  'MALFORMED',
  'NOT_FOUND',
  'REVOKED',
  'EXPIRED',
  'INSUFFICIENT_SCOPE',
  'IP_NOT_ALLOWED',
  'CLIENT_IP_REQUIRED',
  'RATE_LIMITED',
  'USAGE_EXHAUSTED',
]);

/**
 * Verification by the key service's `POST /v1/verify`, for services outside
 * the trust boundary of the read model. One keep-alive connection pool per
 * process (undici), every call bounded by `timeoutMs`: the pipeline's backend
 * in remote mode. A 429 (a throttled key id or address) is a throttled verdict;
 * any answer other than that or a well-formed 200 means the key service is
 * unavailable: it throws, and the guard answers 503.
 */
export class RemoteKeyVerifier {
  private readonly agent: Agent;
  private readonly url: string;

  constructor(private readonly options: RemoteKeyVerifierOptions) {
    this.url = new URL('/v1/verify', options.keyServiceUrl).toString();
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 600_000,
      connections: options.connections ?? 32,
      connect: { timeout: options.timeoutMs },
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
    });
  }

  async verify(token: string, requiredScopes: readonly string[] = [], clientIp?: string): Promise<Verdict> {
    const body = JSON.stringify({ key: token, ...(requiredScopes.length > 0 ? { requiredScopes } : {}), ...(clientIp ? { clientIp } : {}) });
    let status: number;
    let text: string;
    try {
      const response = await request(this.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw new VerificationUnavailableError(`the key service did not answer: ${describe(error)}`, { cause: error });
    }
    if (status === 429) return throttledAnswer(text);
    if (status !== 200) throw new VerificationUnavailableError(`the key service answered ${status}`);
    return parseAnswer(text);
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

function parseAnswer(text: string): VerificationResult {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new VerificationUnavailableError('the key service answered something that is not JSON');
  }
  const a = answer as Partial<Record<string, unknown>>;
  const wellFormed =
    typeof answer === 'object' &&
    answer !== null &&
    typeof a.valid === 'boolean' &&
    CODES.has(a.code as VerificationCode) &&
    (a.code === 'VALID') === a.valid &&
    (!a.valid || (typeof a.keyId === 'string' && typeof a.workspaceId === 'string' && Array.isArray(a.scopes)));
  if (!wellFormed) throw new VerificationUnavailableError('the key service answered an unexpected shape');
  return answer as VerificationResult;
}

const THROTTLE_CODES = new Set<ThrottledVerdict['code']>(['TOO_MANY_ATTEMPTS', 'TOO_MANY_FAILURES_FROM_SOURCE']);

function throttledAnswer(text: string): ThrottledVerdict {
  const body = parseJson(text) as { code?: unknown; details?: { retryAfterSeconds?: unknown } } | null;
  const seconds = body?.details?.retryAfterSeconds;
  if (!body || !THROTTLE_CODES.has(body.code as ThrottledVerdict['code']) || typeof seconds !== 'number' || !(seconds > 0)) {
    throw new VerificationUnavailableError('the key service answered 429 with an unexpected body');
  }
  return { valid: false, code: body.code as ThrottledVerdict['code'], retryAfterMs: seconds * 1000 };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200);
  return String(error).slice(0, 200);
}
