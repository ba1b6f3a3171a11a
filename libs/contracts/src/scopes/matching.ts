/**
 * Does `granted` satisfy `required`? Exact match, or an unscoped grant
 * (`cdn:upload`) covering a resource-qualified requirement (`cdn:upload:space-1`).
 * A resource-scoped grant satisfies only its own resource, and no action
 * implies another (`projects:write` does not satisfy `projects:read`).
 */
export function scopeSatisfies(granted: string, required: string): boolean {
  if (granted === required) return true;
  return required.startsWith(granted + ':') && granted.split(':').length === 2;
}

/** The required scopes that none of the granted scopes satisfies. */
export function missingScopes(granted: readonly string[], required: readonly string[]): string[] {
  return required.filter((r) => !granted.some((g) => scopeSatisfies(g, r)));
}
