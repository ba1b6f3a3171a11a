import { VerificationUnavailableError } from '@pxxl/bearer-auth';
import { ApiError, isStoreUnavailable, type ErrorMapper } from '@pxxl/http';
import { DomainError } from '../domain/api-key.errors';
import { ConcurrencyError } from '../ports';

// Shared: the API and the dashboard answer every use case's errors through this one mapping.

/** HTTP status per domain error code; anything not listed is a 400. */
const STATUS: Record<string, number> = {
  SCOPE_ESCALATION: 403,
  KEY_NOT_FOUND: 404,
  KEY_ALREADY_EXISTS: 409,
  KEY_ALREADY_REVOKED: 409,
  KEY_REVOKED: 409,
  KEY_EXPIRED: 409,
  NO_USAGE_QUOTA: 409,
  WORKSPACE_ALREADY_BOOTSTRAPPED: 409,
  VERSION_MISMATCH: 412,
};

const POLICY_STREAM = /^policy:(.+)$/;

/** The status a code of the key service answers with, by this mapping (the contract groups its error answers by it). */
export function keyErrorStatus(code: string): number {
  const error = code === 'CONCURRENT_MODIFICATION' ? new ConcurrencyError('k', 1) : new DomainError(code, code);
  return keyErrorMapper(error)!.status;
}

export const keyErrorMapper: ErrorMapper = (error) => {
  if (error instanceof DomainError) return new ApiError(STATUS[error.code] ?? 400, error.code, error.message, error.details);
  // An outage of what verification needs other than the store (which maps to STORE_UNAVAILABLE).
  if (error instanceof VerificationUnavailableError && !isStoreUnavailable(error.cause)) {
    return new ApiError(503, error.code, 'keys cannot be verified right now; retry shortly', {}, { 'Retry-After': '1' });
  }
  if (error instanceof ConcurrencyError) {
    const policyOf = POLICY_STREAM.exec(error.streamId)?.[1];
    return policyOf === undefined
      ? new ApiError(409, error.code, 'another change to this key landed first; reload it and retry', { keyId: error.streamId })
      : new ApiError(409, error.code, 'another change to the workspace policy landed first; reload it and retry', { workspaceId: policyOf });
  }
  return undefined;
};
