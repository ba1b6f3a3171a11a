import { PxxlApiError, PxxlUnreachableError } from '@pxxl/client';
import { EXIT } from '../exit-codes';

export interface Failure {
  exitCode: number;
  /** What went wrong, with the API's stable code when there is one. */
  message: string;
  /** What to do about it. */
  hint?: string;
  api?: { status: number; code: string; details: Record<string, unknown> };
}

const REFUSED_KEY: Record<string, string> = {
  MISSING_TOKEN: 'set PXXL_API_KEY (or pipe your key in with --key-stdin)',
  MALFORMED_TOKEN: 'PXXL_API_KEY is not a Pxxl key (pxxl_<id>_<secret>): check for quotes, spaces or a truncated copy',
  MALFORMED_AUTHORIZATION: 'PXXL_API_KEY is not a Pxxl key (pxxl_<id>_<secret>): check for quotes, spaces or a truncated copy',
  INVALID_TOKEN: 'PXXL_API_KEY is not a key of this service: unknown, or its secret was rotated out. Use a current key (an admin creates one with "pxxl-keys keys create")',
  TOKEN_REVOKED: 'the key in PXXL_API_KEY is revoked: use another key (an admin creates one with "pxxl-keys keys create")',
  TOKEN_EXPIRED: 'the key in PXXL_API_KEY has expired: use another key, or have an admin create one with "pxxl-keys keys create"',
};

const CONFLICTS: Record<string, string> = {
  KEY_REVOKED: 'a revoked key cannot be changed or rotated: create a new key instead',
  KEY_ALREADY_REVOKED: 'nothing to do: the key is already revoked',
  KEY_EXPIRED: 'an expired key cannot be rotated: create a new key instead',
  CONCURRENT_MODIFICATION: 'another change to this key landed first: look at it again ("pxxl-keys keys get <id>") and retry if still needed',
  VERSION_MISMATCH: 'the key changed since the version you gave (--if-version): look at it again ("pxxl-keys keys get <id>") and retry',
};

function hintFor(error: PxxlApiError): string | undefined {
  const keyId = /\/v1\/keys\/([^/?]+)/.exec(error.request.url)?.[1];
  if (error.status === 401) return REFUSED_KEY[error.code] ?? 'check PXXL_API_KEY';
  if (error.code === 'INSUFFICIENT_SCOPE') {
    const missing = (error.details.missingScopes as string[] | undefined)?.join(', ');
    return `the key in PXXL_API_KEY lacks ${missing ?? 'a scope this command needs'}: use a key that holds it`;
  }
  if (error.code === 'SCOPE_ESCALATION') return 'a key can only grant scopes it holds itself: use a key holding these scopes, or ask for fewer';
  if (error.code === 'BROWSER_USE_FORBIDDEN') return 'a proxy in between adds browser headers (Origin, Sec-Fetch-*): call the service directly';
  if (error.code === 'KEY_NOT_FOUND') return `no key ${keyId ? `${keyId} ` : ''}in your key's workspace: "pxxl-keys keys list" shows the ids`;
  if (error.code === 'ROUTE_NOT_FOUND') return `${error.request.url} is not a route of this service: check that PXXL_URL (or PXXL_AUDIT_URL) points at the right app`;
  if (error.status === 409 || error.status === 412) return CONFLICTS[error.code];
  if (error.status === 429) return `too many attempts: retry${error.retryAfterSeconds !== null ? ` in ${error.retryAfterSeconds} s` : ' later'}`;
  if (error.status === 503) return `the service is up but its store or broker is not: retry${error.retryAfterSeconds !== null ? ` in ${error.retryAfterSeconds} s` : ' shortly'}`;
  if (error.code === 'VALIDATION_FAILED') {
    const fields = error.details.fields as Array<{ field: string; problems: string[] }> | undefined;
    return fields?.map((f) => `${f.field}: ${f.problems.join('; ')}`).join('\n');
  }
  return undefined;
}

function exitCodeFor(error: PxxlApiError): number {
  if (error.code === 'ROUTE_NOT_FOUND') return EXIT.CONFIG;
  if (error.status === 404) return EXIT.NOT_FOUND;
  if (error.status === 401 || error.status === 403) return EXIT.REFUSED;
  if (error.status === 409 || error.status === 412) return EXIT.CONFLICT;
  if (error.status === 429 || error.status === 502 || error.status === 503 || error.status === 504) return EXIT.UNAVAILABLE;
  if (error.status >= 400 && error.status < 500) return EXIT.INVALID;
  return EXIT.FAILURE;
}

/** A client error as the CLI reports it; null when the error is not one of the client's. */
export function describeFailure(error: unknown): Failure | null {
  if (error instanceof PxxlApiError) {
    return {
      exitCode: exitCodeFor(error),
      message: `${error.message} (${error.status} ${error.code})`,
      hint: hintFor(error),
      api: { status: error.status, code: error.code, details: error.details },
    };
  }
  if (error instanceof PxxlUnreachableError) {
    return {
      exitCode: EXIT.UNAVAILABLE,
      message: error.message,
      hint:
        error.reason === 'timeout'
          ? 'the service is slow or the address is wrong; raise PXXL_TIMEOUT_MS if it is just slow'
          : 'is the service running (npm start), and is PXXL_URL (or PXXL_AUDIT_URL) its address?',
    };
  }
  return null;
}
