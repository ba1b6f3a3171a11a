import { LIMIT_BOUNDS, NO_LIMITS, presetRateLimit, usagePeriod, type DecidedEvent, type KeyEvent, type KeyLimits } from '@pxxl/contracts';
import { KeyErrors } from './api-key.errors';
import { checkGrant, resolveRequestedScopes, type Grantor } from './grant-rules';
import { applyLimitsChange, checkLimitsAgainstPolicy, hasLimits, isLimitsChange, sameLimits, type LimitsChange } from './key-limits';
import { checkOwner, rotationDueAfter, type RotationDue } from './key-owner';
import { DEFAULT_KEY_POLICY, type KeyPolicy } from './workspace-policy';
import { dueNotice, noticeEvent, ownerOf, type NoticeSubject } from './expiry-notices';

export { DEFAULT_KEY_POLICY, type KeyPolicy } from './workspace-policy';

/**
 * The API-key aggregate as a decider: `decide(command, state) → events` and
 * `evolve(state, event) → state`, both pure. Randomness, hashing and the
 * clock are inputs of the command, so every rule is testable without I/O.
 */

export type ApiKeyState =
  | { exists: false; version: 0 }
  | {
      exists: true;
      version: number;
      keyId: string;
      workspaceId: string;
      name: string;
      description: string | null;
      scopes: string[];
      expiresAt: string | null;
      revoked: boolean;
      limits: KeyLimits;
      createdAt: string;
      /** Expiry notices decided so far, each for the expiry it was about (thresholdDays null: KeyExpired). */
      notices: Array<{ expiresAt: string; thresholdDays: number | null }>;
      /** `team:…`, `user:…` or `service:…`, or null. */
      owner: string | null;
      /** Set by a change of owner (not the first one), cleared by a rotation: the previous owner may hold the secret. */
      rotationDue: RotationDue | null;
    };

export const initialState: ApiKeyState = { exists: false, version: 0 };

export interface CreateKey {
  type: 'CreateKey';
  keyId: string;
  workspaceId: string;
  name: string;
  description?: string | null;
  /** Explicit scopes; merged with the preset's. */
  scopes?: string[];
  /** A preset (GET /v1/scopes), expanded into explicit scopes in KeyCreated. */
  preset?: string | null;
  /** Narrows the preset's resource-scopable scopes to this resource (e.g. one CDN space). */
  presetResource?: string | null;
  expiresAt?: string | null;
  secretHash: string;
  displayPrefix: string;
  now: Date;
  /** Whose rights bound the grant (no escalation). */
  grantor: Grantor;
  /** The workspace policy; defaults when the workspace has none. */
  policy?: KeyPolicy;
  /** Rate limit, usage quota, IP allow-list (a KeyLimitsChanged after the KeyCreated). */
  limits?: LimitsChange;
  /** Who answers for the key (a KeyOwnerChanged after the KeyCreated); required when the policy says so. */
  owner?: string | null;
}

export interface RotateKey {
  type: 'RotateKey';
  secretHash: string;
  displayPrefix: string;
  gracePeriodSeconds?: number;
  now: Date;
  /** A rotation hands out a new secret for the key's scopes: the caller must hold them too. */
  grantor: Grantor;
  policy?: KeyPolicy;
}

export interface RevokeKey {
  type: 'RevokeKey';
  reason?: string | null;
}

/** The revoke reason DELETE /v1/keys/:id records: a key revoked with it is "deleted", hidden from the default listing. */
export const DELETED_REASON = 'deleted';

export interface UpdateKey {
  type: 'UpdateKey';
  name?: string;
  description?: string | null;
  /** Limits to change: a field absent keeps it, null lifts it. */
  limits?: LimitsChange;
  /** A new owner (KeyOwnerChanged); null removes it. */
  owner?: string | null;
  /** The workspace policy: changed limits must stay within its maxima; an owner it requires cannot be removed. */
  policy?: KeyPolicy;
}

/** POST /v1/keys/{id}/usage: more successful verifications for the key's quota, in the current period. */
export interface AddCredits {
  type: 'AddCredits';
  amount: number;
  now: Date;
}

/** The expiry scheduler: decide the notice the key is due now, if any (none is a value: []). */
export interface NoticeExpiry {
  type: 'NoticeExpiry';
  /** The workspace policy's thresholds (expiryNoticeDaysOf). */
  thresholdDays: readonly number[];
  now: Date;
}

export type KeyCommand = CreateKey | RotateKey | RevokeKey | UpdateKey | AddCredits | NoticeExpiry;

const DAY_MS = 24 * 3600 * 1000;

// Control characters, bidirectional overrides ("Trojan Source") and lone surrogates make
// a name display differently from what it is; reviewers must read names as they are.
const UNSAFE_IN_NAME = /[\p{Cc}\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;
const UNSAFE_IN_DESCRIPTION = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]|\p{Cs}/u;

function normalizeName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100 || UNSAFE_IN_NAME.test(trimmed)) throw KeyErrors.invalidName(trimmed.length);
  return trimmed;
}

function normalizeDescription(description: string | null | undefined): string | null {
  if (description === undefined || description === null) return null;
  const trimmed = description.trim();
  if (trimmed.length > 500 || UNSAFE_IN_DESCRIPTION.test(trimmed)) throw KeyErrors.invalidDescription(trimmed.length);
  return trimmed.length === 0 ? null : trimmed;
}

function checkExpiry(expiresAt: string | null | undefined, now: Date, policy: KeyPolicy): string | null {
  if (expiresAt === undefined || expiresAt === null) {
    if (!policy.allowNonExpiring) throw KeyErrors.expiryRequired();
    return null;
  }
  const at = new Date(expiresAt);
  if (at.getTime() <= now.getTime()) throw KeyErrors.expiryInPast(expiresAt);
  const latest = new Date(now.getTime() + policy.maxLifetimeDays * DAY_MS);
  if (at.getTime() > latest.getTime()) throw KeyErrors.expiryTooFar(policy.maxLifetimeDays, latest.toISOString());
  return at.toISOString();
}

/** The expiry a rotation keeps must fit the policy as it is now (it may have tightened since creation). */
function checkRotatedExpiry(state: Extract<ApiKeyState, { exists: true }>, now: Date, policy: KeyPolicy): void {
  if (state.expiresAt === null) {
    if (!policy.allowNonExpiring) throw KeyErrors.nonExpiringNotAllowed(state.keyId);
    return;
  }
  const latest = new Date(now.getTime() + policy.maxLifetimeDays * DAY_MS);
  if (new Date(state.expiresAt).getTime() > latest.getTime()) {
    throw KeyErrors.keyLifetimeTooLong(state.keyId, policy.maxLifetimeDays, latest.toISOString());
  }
}

function isExpired(state: { expiresAt: string | null }, now: Date): boolean {
  return state.expiresAt !== null && new Date(state.expiresAt).getTime() <= now.getTime();
}

function decideCreate(command: CreateKey, state: ApiKeyState): DecidedEvent[] {
  if (state.exists) throw KeyErrors.alreadyExists(command.keyId);
  const policy = command.policy ?? DEFAULT_KEY_POLICY;
  const name = normalizeName(command.name);
  const description = normalizeDescription(command.description);
  // A preset becomes explicit scopes here, so KeyCreated shows exactly what was granted.
  const scopes = resolveRequestedScopes(command.scopes, command.preset, command.presetResource);
  checkGrant(scopes, command.grantor, policy);
  // A preset's rate limit applies unless the request sets its own (null: none).
  const change = { ...command.limits };
  if (change.rateLimit === undefined && command.preset) change.rateLimit = presetRateLimit(command.preset);
  const limits = applyLimitsChange(NO_LIMITS, change);
  checkLimitsAgainstPolicy(limits, policy);
  const owner = checkOwner(command.owner, policy);
  const created: DecidedEvent[] = [
    {
      type: 'KeyCreated',
      data: {
        name,
        description,
        scopes,
        expiresAt: checkExpiry(command.expiresAt, command.now, policy),
        secretHash: command.secretHash,
        displayPrefix: command.displayPrefix,
      },
    },
  ];
  // Owner and limits hold from the key's first verification: stored in the same append.
  if (owner !== null) created.push({ type: 'KeyOwnerChanged', data: { owner, previousOwner: null } });
  return hasLimits(limits) ? [...created, { type: 'KeyLimitsChanged', data: limits }] : created;
}

function decideRotate(command: RotateKey, state: Extract<ApiKeyState, { exists: true }>): DecidedEvent[] {
  if (state.revoked) throw KeyErrors.revoked(state.keyId);
  if (isExpired(state, command.now)) throw KeyErrors.expired(state.keyId);
  const policy = command.policy ?? DEFAULT_KEY_POLICY;
  // A new secret is a new grant of the key's scopes: bounded by the caller and by today's policy.
  checkGrant(state.scopes, command.grantor, policy, state.keyId);
  checkRotatedExpiry(state, command.now, policy);
  const grace = command.gracePeriodSeconds ?? 0;
  if (!Number.isInteger(grace) || grace < 0 || grace > policy.maxGracePeriodSeconds) {
    throw KeyErrors.invalidGracePeriod(policy.maxGracePeriodSeconds);
  }
  // A grace period never outlives the key itself.
  let until = grace > 0 ? command.now.getTime() + grace * 1000 : null;
  if (until !== null && state.expiresAt !== null) until = Math.min(until, new Date(state.expiresAt).getTime());
  return [
    {
      type: 'KeyRotated',
      data: {
        secretHash: command.secretHash,
        displayPrefix: command.displayPrefix,
        gracePeriodSeconds: grace,
        previousSecretValidUntil: until === null ? null : new Date(until).toISOString(),
      },
    },
  ];
}

function decideRevoke(command: RevokeKey, state: Extract<ApiKeyState, { exists: true }>): DecidedEvent[] {
  if (state.revoked) throw KeyErrors.alreadyRevoked(state.keyId);
  const reason = command.reason?.trim() || null;
  return [{ type: 'KeyRevoked', data: { reason: reason === null ? null : reason.slice(0, 500) } }];
}

function decideUpdate(command: UpdateKey, state: Extract<ApiKeyState, { exists: true }>): DecidedEvent[] {
  if (state.revoked) throw KeyErrors.revoked(state.keyId);
  const data: { name?: string; description?: string | null } = {};
  const limitsGiven = isLimitsChange(command.limits);
  const limits = limitsGiven ? applyLimitsChange(state.limits, command.limits!) : state.limits;
  // Only a change of limits is held to today's maxima: renaming a key older than the policy stays possible.
  if (limitsGiven) checkLimitsAgainstPolicy(limits, command.policy ?? DEFAULT_KEY_POLICY);
  if (command.name !== undefined) {
    const name = normalizeName(command.name);
    if (name !== state.name) data.name = name;
  }
  if (command.description !== undefined) {
    const description = normalizeDescription(command.description);
    if (description !== state.description) data.description = description;
  }
  const owner = command.owner === undefined ? state.owner : checkOwner(command.owner, command.policy ?? DEFAULT_KEY_POLICY);
  if (command.name === undefined && command.description === undefined && !limitsGiven && command.owner === undefined) throw KeyErrors.nothingToUpdate();
  // Setting the same values again is a no-op, not an event.
  const events: DecidedEvent[] = Object.keys(data).length === 0 ? [] : [{ type: 'KeyUpdated', data }];
  if (owner !== state.owner) events.push({ type: 'KeyOwnerChanged', data: { owner, previousOwner: state.owner } });
  if (!sameLimits(limits, state.limits)) events.push({ type: 'KeyLimitsChanged', data: limits });
  return events;
}

function decideAddCredits(command: AddCredits, state: Extract<ApiKeyState, { exists: true }>): DecidedEvent[] {
  if (state.revoked) throw KeyErrors.revoked(state.keyId);
  const usage = state.limits.usage;
  if (usage === null) throw KeyErrors.noUsageQuota(state.keyId);
  const max = LIMIT_BOUNDS.usage.maxTopUp;
  if (!Number.isInteger(command.amount) || command.amount < 1 || command.amount > max) {
    throw KeyErrors.invalidLimit('usage', `amount must be an integer from 1 to ${max}`);
  }
  return [{ type: 'KeyCreditsAdded', data: { amount: command.amount, period: usagePeriod(usage, command.now) } }];
}

/** The key as the notice rules see it: only notices about its current expiry count. */
export function noticeSubject(state: Extract<ApiKeyState, { exists: true }>): NoticeSubject {
  const current = state.notices.filter((notice) => notice.expiresAt === state.expiresAt);
  return {
    revoked: state.revoked,
    createdAt: state.createdAt,
    expiresAt: state.expiresAt,
    noticedDays: current.flatMap((notice) => (notice.thresholdDays === null ? [] : [notice.thresholdDays])),
    expiredNoticed: current.some((notice) => notice.thresholdDays === null),
  };
}

/** Never a second notice for the same expiry and threshold; none for a revoked key (docs/operations.md#expiry-notices). */
function decideNoticeExpiry(command: NoticeExpiry, state: Extract<ApiKeyState, { exists: true }>): DecidedEvent[] {
  const due = dueNotice(noticeSubject(state), command.thresholdDays, command.now);
  return due === null || state.expiresAt === null ? [] : [noticeEvent(due, state.expiresAt, ownerOf(state))];
}

export function decide(command: KeyCommand, state: ApiKeyState): DecidedEvent[] {
  if (command.type === 'CreateKey') return decideCreate(command, state);
  if (!state.exists) throw KeyErrors.notFound();
  switch (command.type) {
    case 'RotateKey':
      return decideRotate(command, state);
    case 'RevokeKey':
      return decideRevoke(command, state);
    case 'UpdateKey':
      return decideUpdate(command, state);
    case 'AddCredits':
      return decideAddCredits(command, state);
    case 'NoticeExpiry':
      return decideNoticeExpiry(command, state);
  }
}

export function evolve(state: ApiKeyState, event: KeyEvent): ApiKeyState {
  switch (event.type) {
    case 'KeyCreated':
      return {
        exists: true,
        version: event.version,
        keyId: event.keyId,
        workspaceId: event.workspaceId,
        name: event.data.name,
        description: event.data.description,
        scopes: event.data.scopes,
        expiresAt: event.data.expiresAt,
        revoked: false,
        limits: NO_LIMITS,
        createdAt: event.occurredAt,
        notices: [],
        owner: null,
        rotationDue: null,
      };
    case 'KeyRotated':
      return state.exists ? { ...state, version: event.version, rotationDue: null } : state;
    case 'KeyRevoked':
      return state.exists ? { ...state, version: event.version, revoked: true } : state;
    case 'KeyUpdated':
      return state.exists ? { ...state, ...event.data, version: event.version } : state;
    case 'KeyLimitsChanged':
      return state.exists ? { ...state, limits: event.data, version: event.version } : state;
    case 'KeyCreditsAdded':
      return state.exists ? { ...state, version: event.version } : state;
    case 'KeyExpiring':
    case 'KeyExpired': {
      if (!state.exists) return state;
      const notice = { expiresAt: event.data.expiresAt, thresholdDays: event.type === 'KeyExpiring' ? event.data.thresholdDays : null };
      return { ...state, version: event.version, notices: [...state.notices, notice] };
    }
    case 'KeyOwnerChanged':
      return state.exists ? { ...state, owner: event.data.owner, rotationDue: rotationDueAfter(state.rotationDue, event), version: event.version } : state;
  }
}

export function fold(events: KeyEvent[]): ApiKeyState {
  return events.reduce(evolve, initialState);
}
