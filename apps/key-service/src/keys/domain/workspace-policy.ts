import {
  LIMIT_BOUNDS,
  SCOPES,
  scopeSatisfies,
  upcastWorkspacePolicyChanged,
  validateScopes,
  WORKSPACE_POLICY_V2_DEFAULTS,
  type RateLimit,
  type StoredWorkspaceEvent,
  type WorkspacePolicyChangedV2Data,
} from '@pxxl/contracts';
import { KeyErrors } from './api-key.errors';

/**
 * The workspace policy aggregate, as a decider: every grant of a key
 * (creation, rotation) is checked against it. Stored in the same event store
 * as the keys, stream `policy:<workspaceId>`; each change records the
 * complete new policy (WorkspacePolicyChanged).
 */
export type KeyPolicy = WorkspacePolicyChangedV2Data;

export const DEFAULT_KEY_POLICY: KeyPolicy = {
  maxLifetimeDays: 365,
  allowNonExpiring: false,
  maxGracePeriodSeconds: 7 * 24 * 3600,
  scopeAllowList: null,
  ...WORKSPACE_POLICY_V2_DEFAULTS,
};

/** Bounds of the policy values themselves. */
export const POLICY_LIMITS = {
  maxLifetimeDays: 3650,
  maxGracePeriodSeconds: 30 * 24 * 3600,
  /** expiryNoticeDays: each from 1 to 365 days, at most 5 of them. */
  maxNoticeDays: 365,
  maxNotices: 5,
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
  requireOwner?: boolean;
  expiryNoticeDays?: number[];
  maxRateLimit?: RateLimit | null;
  maxUsageLimit?: number | null;
  requireAllowedIps?: boolean;
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

/** Distinct whole days 1–365, at most 5, kept sorted descending (the first notice first). */
function normalizeNoticeDays(days: unknown): number[] {
  const { maxNoticeDays, maxNotices } = POLICY_LIMITS;
  const message = `expiryNoticeDays must be at most ${maxNotices} distinct integers from 1 to ${maxNoticeDays}, e.g. [14, 1]`;
  if (!Array.isArray(days) || days.length > maxNotices) throw KeyErrors.invalidPolicy('expiryNoticeDays', message);
  for (const day of days) integerIn('expiryNoticeDays', day as number, 1, maxNoticeDays);
  if (new Set(days).size !== days.length) throw KeyErrors.invalidPolicy('expiryNoticeDays', message);
  return [...(days as number[])].sort((a, b) => b - a);
}

function normalizeMaxRateLimit(value: RateLimit | null): RateLimit | null {
  if (value === null) return null;
  const { maxLimit, minWindowSeconds, maxWindowSeconds } = LIMIT_BOUNDS.rateLimit;
  if (typeof value !== 'object') throw KeyErrors.invalidPolicy('maxRateLimit', 'maxRateLimit must be {limit, windowSeconds} or null');
  return {
    limit: integerIn('maxRateLimit', value.limit, 1, maxLimit),
    windowSeconds: integerIn('maxRateLimit', value.windowSeconds, minWindowSeconds, maxWindowSeconds),
  };
}

function normalizeMaxUsageLimit(value: number | null): number | null {
  return value === null ? null : integerIn('maxUsageLimit', value, 1, LIMIT_BOUNDS.usage.maxLimit);
}

function booleanField(field: string, value: boolean | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw KeyErrors.invalidPolicy(field, `${field} must be true or false`);
  return value;
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
    requireOwner: booleanField('requireOwner', command.requireOwner, DEFAULT_KEY_POLICY.requireOwner),
    expiryNoticeDays: normalizeNoticeDays(command.expiryNoticeDays ?? DEFAULT_KEY_POLICY.expiryNoticeDays),
    maxRateLimit: normalizeMaxRateLimit(command.maxRateLimit ?? null),
    maxUsageLimit: normalizeMaxUsageLimit(command.maxUsageLimit ?? null),
    requireAllowedIps: booleanField('requireAllowedIps', command.requireAllowedIps, DEFAULT_KEY_POLICY.requireAllowedIps),
  };
  // Setting the policy it already has is a no-op, not an event.
  return samePolicy(next, state.policy) ? [] : [{ type: 'WorkspacePolicyChanged', data: next }];
}

/** Folds a stored event of any version: a v1 reads with the defaults of what v2 added. */
export function evolvePolicy(state: WorkspacePolicyState, stored: StoredWorkspaceEvent): WorkspacePolicyState {
  const event = upcastWorkspacePolicyChanged(stored);
  return { version: event.version, policy: event.data, changedAt: event.occurredAt, changedBy: event.actor };
}

export function foldPolicy(events: StoredWorkspaceEvent[]): WorkspacePolicyState {
  return events.reduce(evolvePolicy, initialPolicyState);
}
