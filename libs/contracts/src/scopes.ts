/** The scopes the key service itself checks. The full catalog comes with least privilege (#4). */
export const SCOPES = {
  API_KEYS_READ: 'api_keys:read',
  API_KEYS_WRITE: 'api_keys:write',
  AUDIT_READ: 'audit:read',
} as const;

/** What the bootstrap key of a workspace holds: everything needed to administer keys and read the audit trail. */
export const ADMIN_SCOPES: readonly string[] = [SCOPES.API_KEYS_READ, SCOPES.API_KEYS_WRITE, SCOPES.AUDIT_READ];

/** `area:action`, optionally `area:action:resource` (resource-scoped grants arrive with #4). */
export const SCOPE_PATTERN = /^[a-z][a-z_]*:[a-z][a-z_]*(:[A-Za-z0-9][A-Za-z0-9._-]{0,63})?$/;

/**
 * Does `granted` satisfy `required`? Exact match, or an unscoped grant
 * (`cdn:upload`) covering a resource-qualified requirement (`cdn:upload:space-1`).
 * A resource-scoped grant satisfies only its own resource.
 */
export function scopeSatisfies(granted: string, required: string): boolean {
  if (granted === required) return true;
  return required.startsWith(granted + ':') && granted.split(':').length === 2;
}

/** The required scopes that none of the granted scopes satisfies. */
export function missingScopes(granted: readonly string[], required: readonly string[]): string[] {
  return required.filter((r) => !granted.some((g) => scopeSatisfies(g, r)));
}
