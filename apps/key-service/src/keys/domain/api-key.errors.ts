/**
 * Domain errors carry a stable `code`, a message for people and details.
 * The HTTP status is chosen at the edge (http/key-error.mapper.ts), never here.
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
  noScopes: () =>
    new DomainError('NO_SCOPES', 'a key needs at least one scope: list them in `scopes` or pick a `preset` (GET /v1/scopes)', {
      catalog: 'GET /v1/scopes',
    }),
  invalidScopes: (scopes: string[]) =>
    new DomainError('UNKNOWN_SCOPE', `unknown or malformed scopes: ${scopes.join(', ')}; GET /v1/scopes lists the valid ones and their syntax`, {
      scopes,
      catalog: 'GET /v1/scopes',
    }),
  unknownPreset: (preset: string) =>
    new DomainError('UNKNOWN_PRESET', `no preset named "${String(preset).slice(0, 60)}"; GET /v1/scopes lists the presets`, {
      preset: String(preset).slice(0, 60),
      catalog: 'GET /v1/scopes',
    }),
  invalidPresetResource: (preset: string | null, reason: 'RESOURCE_NOT_ACCEPTED' | 'INVALID_RESOURCE' | 'NO_PRESET') =>
    new DomainError(
      'INVALID_PRESET_RESOURCE',
      reason === 'NO_PRESET'
        ? 'presetResource narrows a preset: give `preset` too, or qualify the scopes themselves (cdn:upload:<space>)'
        : reason === 'RESOURCE_NOT_ACCEPTED'
          ? `the preset "${preset}" cannot be narrowed to a resource`
          : 'presetResource must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit',
      { preset, reason },
    ),
  scopeEscalation: (scopes: string[]) =>
    new DomainError('SCOPE_ESCALATION', `a key cannot grant scopes it does not hold itself: ${scopes.join(', ')}`, { scopes }),
  scopeNotAllowed: (scopes: string[], keyId?: string) =>
    new DomainError(
      'SCOPE_NOT_ALLOWED',
      keyId
        ? `the key holds scopes the workspace policy no longer allows (${scopes.join(', ')}): revoke it and create a key within the policy`
        : `the workspace policy does not allow the scopes: ${scopes.join(', ')}`,
      { scopes, policy: 'GET /v1/workspace/policy', ...(keyId ? { keyId } : {}) },
    ),
  nonExpiringNotAllowed: (keyId: string) =>
    new DomainError(
      'EXPIRY_REQUIRED',
      'the key never expires and the workspace policy no longer allows that: revoke it and create a key with an expiry',
      { keyId, policy: 'GET /v1/workspace/policy' },
    ),
  keyLifetimeTooLong: (keyId: string, maxLifetimeDays: number, latest: string) =>
    new DomainError(
      'EXPIRY_TOO_FAR',
      `the key expires later than the workspace policy allows for a new secret (${maxLifetimeDays} days): revoke it and create a key with an earlier expiry`,
      { keyId, maxLifetimeDays, latestAllowed: latest },
    ),
  invalidPolicy: (field: string, message: string) => new DomainError('INVALID_POLICY', String(message), { field }),
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
    new DomainError('INVALID_GRACE_PERIOD', `gracePeriodSeconds must be an integer from 0 to ${max} (the workspace policy's maximum)`, {
      maxGracePeriodSeconds: max,
    }),
  versionMismatch: (keyId: string, expected: number, actual: number) =>
    new DomainError('VERSION_MISMATCH', `the key is at version ${actual}, not ${expected}: reload it and retry`, {
      keyId,
      expectedVersion: expected,
      currentVersion: actual,
    }),
  nothingToUpdate: () => new DomainError('NOTHING_TO_UPDATE', 'give a new name, description, limit or owner'),
  invalidLimit: (field: 'rateLimit' | 'usage' | 'allowedIps', message: string, details: Record<string, unknown> = {}) =>
    new DomainError('INVALID_LIMIT', `${field}: ${message}`, { field, ...details }),
  limitNotAllowed: (field: 'rateLimit' | 'usage' | 'allowedIps', message: string, details: Record<string, unknown>) =>
    new DomainError('LIMIT_NOT_ALLOWED', `${field}: ${message}`, { field, ...details }),
  ownerRequired: () =>
    new DomainError('OWNER_REQUIRED', 'the workspace policy requires an owner on every key: give `owner`, e.g. "team:payments"', {
      policy: 'GET /v1/workspace/policy',
    }),
  invalidOwner: (owner: unknown) =>
    new DomainError('INVALID_OWNER', 'owner must be <kind>:<name>: kind team, user or service; name 1–63 of a-z, 0-9, ".", "_", "-", starting with a letter or digit', {
      owner: String(owner).slice(0, 80),
    }),
  noUsageQuota: (keyId: string) =>
    new DomainError('NO_USAGE_QUOTA', 'the key has no usage quota to top up: set `usage` on it first (PATCH /v1/keys/{id})', { keyId }),
  policyVersionMismatch: (workspaceId: string, expected: number, actual: number) =>
    new DomainError('VERSION_MISMATCH', `the workspace policy is at version ${actual}, not ${expected}: reload it and retry`, {
      workspaceId,
      expectedVersion: expected,
      currentVersion: actual,
    }),
};
