import { SCOPES, scopeSatisfies, validateScopes, type WorkspaceEvent, type WorkspacePolicyChangedV1Data } from '@pxxl/contracts';
import { KeyErrors } from './api-key.errors';

/**
 * The workspace policy aggregate, as a decider: every grant of a key
 * (creation, rotation) is checked against it. Stored in the same event store
 * as the keys, stream `policy:<workspaceId>`; each change records the
 * complete new policy (WorkspacePolicyChanged).
 */
export type KeyPolicy = WorkspacePolicyChangedV1Data;

export const DEFAULT_KEY_POLICY: KeyPolicy = {
  maxLifetimeDays: 365,
  allowNonExpiring: false,
  maxGracePeriodSeconds: 7 * 24 * 3600,
  scopeAllowList: null,
};

/** Bounds of the policy values themselves. */
export const POLICY_LIMITS = {
  maxLifetimeDays: 3650,
  maxGracePeriodSeconds: 30 * 24 * 3600,
} as const;

/** Scopes an allow-list must keep, or the workspace could never manage (or rotate) its keys again. */
export const REQUIRED_IN_ALLOW_LIST: readonly string[] = [SCOPES.API_KEYS_READ, SCOPES.API_KEYS_WRITE];

export interface WorkspacePolicyState {
  /** 0 while the workspace runs on the defaults. */
  version: number;
  policy: KeyPolicy;
  changedAt: string | null;
  changedBy: string | null;
}

export const initialPolicyState: WorkspacePolicyState = { version: 0, policy: DEFAULT_KEY_POLICY, changedAt: null, changedBy: null };

/** PUT semantics: the new policy as a whole; a field left out takes its default. */
export interface ChangeWorkspacePolicy {
  type: 'ChangeWorkspacePolicy';
  maxLifetimeDays?: number;
  allowNonExpiring?: boolean;
  maxGracePeriodSeconds?: number;
  scopeAllowList?: string[] | null;
}

export type DecidedWorkspaceEvent = { type: 'WorkspacePolicyChanged'; data: KeyPolicy };

function integerIn(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw KeyErrors.invalidPolicy(field, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function normalizeAllowList(list: string[] | null): string[] | null {
  if (list === null) return null;
  const { unknown } = validateScopes(list);
  if (unknown.length > 0) throw KeyErrors.invalidScopes(unknown);
  const missing = REQUIRED_IN_ALLOW_LIST.filter((required) => !list.some((allowed) => scopeSatisfies(allowed, required)));
  if (missing.length > 0) {
    throw KeyErrors.invalidPolicy(
      'scopeAllowList',
      `scopeAllowList must keep ${missing.join(' and ')}: without them no key of the workspace could be managed or rotated again`,
    );
  }
  return [...new Set(list)].sort();
}

function samePolicy(a: KeyPolicy, b: KeyPolicy): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function decidePolicy(command: ChangeWorkspacePolicy, state: WorkspacePolicyState): DecidedWorkspaceEvent[] {
  const next: KeyPolicy = {
    maxLifetimeDays: integerIn('maxLifetimeDays', command.maxLifetimeDays ?? DEFAULT_KEY_POLICY.maxLifetimeDays, 1, POLICY_LIMITS.maxLifetimeDays),
    allowNonExpiring: command.allowNonExpiring ?? DEFAULT_KEY_POLICY.allowNonExpiring,
    maxGracePeriodSeconds: integerIn(
      'maxGracePeriodSeconds',
      command.maxGracePeriodSeconds ?? DEFAULT_KEY_POLICY.maxGracePeriodSeconds,
      0,
      POLICY_LIMITS.maxGracePeriodSeconds,
    ),
    scopeAllowList: normalizeAllowList(command.scopeAllowList ?? null),
  };
  // Setting the policy it already has is a no-op, not an event.
  return samePolicy(next, state.policy) ? [] : [{ type: 'WorkspacePolicyChanged', data: next }];
}

export function evolvePolicy(state: WorkspacePolicyState, event: WorkspaceEvent): WorkspacePolicyState {
  return { version: event.version, policy: event.data, changedAt: event.occurredAt, changedBy: event.actor };
}

export function foldPolicy(events: WorkspaceEvent[]): WorkspacePolicyState {
  return events.reduce(evolvePolicy, initialPolicyState);
}
