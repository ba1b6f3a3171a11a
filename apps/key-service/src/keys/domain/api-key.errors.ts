/**
 * Domain errors carry a stable `code`, a message for people and details.
 * The HTTP status is chosen at the edge (http/error-status.ts), never here.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const KeyErrors = {
  invalidName: (length: number) =>
    new DomainError('INVALID_NAME', 'name must be 1 to 100 characters after trimming, without control or bidirectional-override characters', { length }),
  invalidDescription: (length: number) =>
    new DomainError('INVALID_DESCRIPTION', 'description must be at most 500 characters, without control or bidirectional-override characters', { length }),
  noScopes: () => new DomainError('NO_SCOPES', 'a key needs at least one scope'),
  invalidScopes: (scopes: string[]) =>
    new DomainError('UNKNOWN_SCOPE', `unknown or malformed scopes: ${scopes.join(', ')}`, {
      scopes,
      catalog: 'GET /v1/scopes',
    }),
  expiryRequired: () =>
    new DomainError('EXPIRY_REQUIRED', 'expiresAt is required: this workspace does not allow non-expiring keys'),
  expiryInPast: (expiresAt: string) =>
    new DomainError('EXPIRY_IN_PAST', 'expiresAt must be in the future', { expiresAt }),
  expiryTooFar: (maxLifetimeDays: number, latest: string) =>
    new DomainError('EXPIRY_TOO_FAR', `expiresAt may be at most ${maxLifetimeDays} days ahead`, {
      maxLifetimeDays,
      latestAllowed: latest,
    }),
  alreadyExists: (keyId: string) => new DomainError('KEY_ALREADY_EXISTS', 'a key with this id already exists', { keyId }),
  notFound: (keyId?: string) =>
    new DomainError('KEY_NOT_FOUND', 'no such key in this workspace', keyId ? { keyId } : {}),
  alreadyRevoked: (keyId: string) => new DomainError('KEY_ALREADY_REVOKED', 'the key is already revoked', { keyId }),
  revoked: (keyId: string) =>
    new DomainError('KEY_REVOKED', 'the key is revoked: it cannot be rotated or changed', { keyId }),
  expired: (keyId: string) =>
    new DomainError('KEY_EXPIRED', 'the key has expired: create a new key instead', { keyId }),
  invalidGracePeriod: (max: number) =>
    new DomainError('INVALID_GRACE_PERIOD', `gracePeriodSeconds must be an integer from 0 to ${max}`, {
      maxGracePeriodSeconds: max,
    }),
  versionMismatch: (keyId: string, expected: number, actual: number) =>
    new DomainError('VERSION_MISMATCH', `the key is at version ${actual}, not ${expected}: reload it and retry`, {
      keyId,
      expectedVersion: expected,
      currentVersion: actual,
    }),
  nothingToUpdate: () => new DomainError('NOTHING_TO_UPDATE', 'give a new name or description'),
};
