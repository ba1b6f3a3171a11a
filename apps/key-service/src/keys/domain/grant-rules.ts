import { ADMIN_SCOPES, expandPreset, missingScopes, validateScopes } from '@pxxl/contracts';
import { KeyErrors } from './api-key.errors';
import type { KeyPolicy } from './workspace-policy';

/**
 * Who hands out a grant, and so what bounds it: a calling key can grant only
 * scopes its own scopes satisfy (no escalation); the system (bootstrap, leak
 * handling) is bounded by the catalog and the workspace policy only.
 */
export type Grantor = { kind: 'system' } | { kind: 'key'; scopes: readonly string[] };

export const SYSTEM_GRANTOR: Grantor = { kind: 'system' };

export function keyGrantor(scopes: readonly string[]): Grantor {
  return { kind: 'key', scopes };
}

/**
 * The explicit scopes of a creation request: the preset expanded (narrowed to
 * `presetResource` when given) and merged with `scopes`, checked against the
 * catalog, de-duplicated and sorted.
 */
export function resolveRequestedScopes(scopes: readonly string[] = [], preset?: string | null, presetResource?: string | null): string[] {
  const requested = [...scopes];
  if (preset !== undefined && preset !== null) {
    const expansion = expandPreset(preset, presetResource);
    if (!expansion.ok) {
      if (expansion.reason === 'UNKNOWN_PRESET') throw KeyErrors.unknownPreset(preset);
      throw KeyErrors.invalidPresetResource(preset, expansion.reason);
    }
    requested.push(...expansion.scopes);
  } else if (presetResource !== undefined && presetResource !== null) {
    throw KeyErrors.invalidPresetResource(null, 'NO_PRESET');
  }
  if (requested.length === 0) throw KeyErrors.noScopes();
  const { unknown } = validateScopes(requested);
  if (unknown.length > 0) throw KeyErrors.invalidScopes([...new Set(unknown)]);
  return [...new Set(requested)].sort();
}

/** The scopes `grantor` cannot hand out: those none of its own grants satisfies. */
export function escalatingScopes(grantor: Grantor, scopes: readonly string[]): string[] {
  return grantor.kind === 'system' ? [] : missingScopes(grantor.scopes, scopes);
}

/** The most a key of the workspace may hold: the allow-list, or the whole catalog. */
export function grantCeiling(policy: KeyPolicy): readonly string[] {
  return policy.scopeAllowList ?? ADMIN_SCOPES;
}

/** The scopes the workspace policy's allow-list does not cover (matched like grants). */
export function disallowedScopes(policy: KeyPolicy, scopes: readonly string[]): string[] {
  return policy.scopeAllowList === null ? [] : missingScopes(policy.scopeAllowList, scopes);
}

/** Throws SCOPE_ESCALATION, then SCOPE_NOT_ALLOWED, for a grant of `scopes` by `grantor` under `policy`. */
export function checkGrant(scopes: readonly string[], grantor: Grantor, policy: KeyPolicy, keyId?: string): void {
  const escalating = escalatingScopes(grantor, scopes);
  if (escalating.length > 0) throw KeyErrors.scopeEscalation(escalating);
  const disallowed = disallowedScopes(policy, scopes);
  if (disallowed.length > 0) throw KeyErrors.scopeNotAllowed(disallowed, keyId);
}
