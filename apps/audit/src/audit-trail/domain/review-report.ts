import type { KeyLimits } from '@pxxl/contracts';
import { describeLimits } from './audit-entry';
/**
 * The periodic review report, pure: from the keys as verification sees them
 * (the read model) and the audit entries of the period, what a reviewer
 * should look at. Defaults and every section are described in docs/audit.md.
 */

const DAY_MS = 24 * 3600 * 1000;

export const REVIEW_DEFAULTS = {
  /** The period ends now and covers this many days (a quarter). */
  periodDays: 90,
  expiringWithinDays: 30,
  unusedForDays: 90,
  notRotatedForDays: 90,
} as const;

export interface ReviewParameters {
  from: Date;
  to: Date;
  expiringWithinDays: number;
  unusedForDays: number;
  notRotatedForDays: number;
}

/** A key as the read model holds it (KeyView), reduced to what the review needs. */
export interface ReviewKey {
  id: string;
  name: string;
  scopes: string[];
  status: 'active' | 'revoked';
  createdAt: Date;
  createdBy: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  /** Its limits (KeyLimitsChanged; docs/limits.md). */
  limits: KeyLimits;
  /** Successful verifications in the last 30 days (the outcome counts), or null when unknown. */
  verificationsLast30Days: number | null;
  /** Who answers for the key, or null. */
  owner: string | null;
  /** Set after a change of owner until the key is rotated. */
  rotationDue: { reason: 'OWNER_CHANGED'; since: Date } | null;
}

/** An audit entry of the period, reduced to what the review needs. */
export interface ReviewEntry {
  eventId: string;
  type: string;
  /** null for workspace events. */
  keyId: string | null;
  keyName: string | null;
  actor: string;
  occurredAt: Date;
  summary: string;
  details: Record<string, unknown>;
}

export interface KeyFinding {
  keyId: string;
  keyName: string;
  scopes: string[];
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  rotatedAt: string | null;
  /** "rate 100 per 1 min; quota 1000; IPs 10.0.0.0/8", or "none". */
  limits: string;
  /** Evidence the key is still needed: its successful verifications in the last 30 days. */
  verificationsLast30Days: number | null;
  /** Why the key is listed, in words. */
  detail: string;
  owner: string | null;
}

export interface EventFinding {
  eventId: string;
  type: string;
  keyId: string | null;
  keyName: string | null;
  actor: string;
  occurredAt: string;
  detail: string;
}

/**
 * Sections fed by audit entries. A new kind of record plugs in here by its
 * event type: refused browser use arrives as KeyBrowserUseRefused, leaked
 * keys as KeyRevoked with reason `leaked`.
 */
export const BROWSER_USE_EVENT_TYPES: readonly string[] = ['KeyBrowserUseRefused'];
export const LEAKED_REASON = 'leaked';

const reasonOf = (entry: ReviewEntry) => (typeof entry.details.reason === 'string' ? entry.details.reason : null);

export const EVENT_SECTIONS = {
  revokedInPeriod: {
    title: 'revoked in the period',
    matches: (entry: ReviewEntry) => entry.type === 'KeyRevoked' && reasonOf(entry) !== LEAKED_REASON,
    tracked: () => true,
  },
  leakedInPeriod: {
    title: 'revoked as leaked in the period',
    matches: (entry: ReviewEntry) => entry.type === 'KeyRevoked' && reasonOf(entry) === LEAKED_REASON,
    tracked: () => true,
  },
  browserUseAttempts: {
    title: 'refused use from a browser',
    matches: (entry: ReviewEntry) => BROWSER_USE_EVENT_TYPES.includes(entry.type),
    tracked: () => BROWSER_USE_EVENT_TYPES.length > 0,
  },
} as const;

export type EventSection = keyof typeof EVENT_SECTIONS;

/** Activity columns: how many entries of which type (and revocation reason) per calendar month. */
export const ACTIVITY_COLUMNS = {
  created: (entry: ReviewEntry) => entry.type === 'KeyCreated',
  rotated: (entry: ReviewEntry) => entry.type === 'KeyRotated',
  revoked: (entry: ReviewEntry) => entry.type === 'KeyRevoked',
  leaked: (entry: ReviewEntry) => entry.type === 'KeyRevoked' && reasonOf(entry) === LEAKED_REASON,
  updated: (entry: ReviewEntry) => entry.type === 'KeyUpdated',
  limitsChanged: (entry: ReviewEntry) => entry.type === 'KeyLimitsChanged',
  toppedUp: (entry: ReviewEntry) => entry.type === 'KeyCreditsAdded',
  ownerChanged: (entry: ReviewEntry) => entry.type === 'KeyOwnerChanged',
} as const;

export type ActivityCounts = Record<keyof typeof ACTIVITY_COLUMNS, number>;

export interface ReviewReport {
  workspaceId: string;
  generatedAt: string;
  period: { from: string; to: string };
  parameters: { expiringWithinDays: number; unusedForDays: number; notRotatedForDays: number };
  keys: { active: number; expired: number; revoked: number };
  findings: {
    noExpiry: KeyFinding[];
    expiringSoon: KeyFinding[];
    unused: KeyFinding[];
    notRotated: KeyFinding[];
    broadScopes: Array<KeyFinding & { reasons: string[] }>;
    /** Keys whose owner changed hands since their last rotation (PCI DSS 8.6.3: change the secret). */
    rotationDue: Array<KeyFinding & { rotationDueSince: string }>;
  } & Record<EventSection, EventFinding[]>;
  /** Sections whose records the trail does not carry yet (always empty lists, not "none happened"). */
  notYetRecorded: EventSection[];
  activity: { total: ActivityCounts; byMonth: Array<{ month: string } & ActivityCounts> };
}

export interface ScopeJudgement {
  /**
   * Whether an `area:action` grant could be narrowed to one resource. The
   * scope catalog knows but is not passed in yet: meanwhile the review flags
   * an unscoped grant only when another key of the workspace holds the narrowed form.
   */
  isResourceScopable?: (areaAction: string) => boolean;
}

/** Why a key's scopes are broad, in words; empty when they are not. */
export function broadScopeReasons(scopes: readonly string[], narrowedInWorkspace: ReadonlySet<string>, judgement: ScopeJudgement = {}): string[] {
  const reasons: string[] = [];
  for (const scope of scopes) {
    const [area, action, resource] = scope.split(':');
    if (area === 'admin' || action === 'admin') reasons.push(`admin scope ${scope}`);
    else if (area === 'api_keys' && action === 'write') reasons.push(`can create, rotate and revoke keys (${scope})`);
    else if (area === 'billing' && action === 'write') reasons.push(`can change billing (${scope})`);
    if (resource === undefined) {
      const areaAction = `${area}:${action}`;
      if (narrowedInWorkspace.has(areaAction) || judgement.isResourceScopable?.(areaAction)) {
        reasons.push(`${scope} covers every resource where a grant for one resource (${scope}:<resource>) would do`);
      }
    }
  }
  return reasons;
}

const iso = (date: Date | null) => (date === null ? null : date.toISOString());
const daysBetween = (earlier: Date, later: Date) => Math.floor((later.getTime() - earlier.getTime()) / DAY_MS);

function monthsOf(from: Date, to: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (cursor < to) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

function countActivity(entries: readonly ReviewEntry[]): ActivityCounts {
  const counts = Object.fromEntries(Object.keys(ACTIVITY_COLUMNS).map((column) => [column, 0])) as ActivityCounts;
  for (const entry of entries) {
    for (const [column, matches] of Object.entries(ACTIVITY_COLUMNS)) if (matches(entry)) counts[column as keyof ActivityCounts]++;
  }
  return counts;
}

/**
 * Key findings cover keys in use (active, not expired) at `now`; event
 * findings and activity cover entries that occurred in [from, to).
 */
export function buildReviewReport(input: {
  workspaceId: string;
  now: Date;
  parameters: ReviewParameters;
  keys: readonly ReviewKey[];
  entries: readonly ReviewEntry[];
  judgement?: ScopeJudgement;
}): ReviewReport {
  const { now, parameters: p } = input;
  const inUse = input.keys.filter((key) => key.status === 'active' && (key.expiresAt === null || key.expiresAt > now));
  const expired = input.keys.filter((key) => key.status === 'active' && key.expiresAt !== null && key.expiresAt <= now).length;
  const finding = (key: ReviewKey, detail: string): KeyFinding => ({
    keyId: key.id,
    keyName: key.name,
    scopes: key.scopes,
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    expiresAt: iso(key.expiresAt),
    lastUsedAt: iso(key.lastUsedAt),
    rotatedAt: iso(key.rotatedAt),
    limits: describeLimits(key.limits),
    verificationsLast30Days: key.verificationsLast30Days,
    detail,
    owner: key.owner,
  });
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const narrowed = new Set(
    inUse.flatMap((key) => key.scopes.filter((scope) => scope.split(':').length === 3).map((scope) => scope.split(':').slice(0, 2).join(':'))),
  );

  const entries = input.entries.filter((entry) => entry.occurredAt >= p.from && entry.occurredAt < p.to);
  const eventFinding = (entry: ReviewEntry): EventFinding => ({
    eventId: entry.eventId,
    type: entry.type,
    keyId: entry.keyId,
    keyName: entry.keyName,
    actor: entry.actor,
    occurredAt: entry.occurredAt.toISOString(),
    detail: entry.summary,
  });
  const sections = Object.keys(EVENT_SECTIONS) as EventSection[];
  const eventFindings = Object.fromEntries(
    sections.map((section) => [section, entries.filter(EVENT_SECTIONS[section].matches).map(eventFinding)]),
  ) as Record<EventSection, EventFinding[]>;

  return {
    workspaceId: input.workspaceId,
    generatedAt: now.toISOString(),
    period: { from: p.from.toISOString(), to: p.to.toISOString() },
    parameters: { expiringWithinDays: p.expiringWithinDays, unusedForDays: p.unusedForDays, notRotatedForDays: p.notRotatedForDays },
    keys: { active: inUse.length, expired, revoked: input.keys.filter((key) => key.status === 'revoked').length },
    findings: {
      noExpiry: inUse.filter((key) => key.expiresAt === null).map((key) => finding(key, 'never expires')),
      expiringSoon: inUse
        .filter((key) => key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime() + p.expiringWithinDays * DAY_MS)
        .map((key) => finding(key, `expires in ${Math.max(0, Math.ceil((key.expiresAt!.getTime() - now.getTime()) / DAY_MS))} days`)),
      unused: inUse
        .filter((key) => (key.lastUsedAt ?? key.createdAt) <= before(p.unusedForDays))
        .map((key) =>
          finding(key, key.lastUsedAt === null ? `never used (created ${daysBetween(key.createdAt, now)} days ago)` : `last used ${daysBetween(key.lastUsedAt, now)} days ago`),
        ),
      notRotated: inUse
        .filter((key) => (key.rotatedAt ?? key.createdAt) <= before(p.notRotatedForDays))
        .map((key) =>
          finding(key, key.rotatedAt === null ? `never rotated (created ${daysBetween(key.createdAt, now)} days ago)` : `last rotated ${daysBetween(key.rotatedAt, now)} days ago`),
        ),
      broadScopes: inUse
        .map((key) => ({ key, reasons: broadScopeReasons(key.scopes, narrowed, input.judgement) }))
        .filter(({ reasons }) => reasons.length > 0)
        .map(({ key, reasons }) => ({ ...finding(key, reasons.join('; ')), reasons })),
      rotationDue: inUse
        .filter((key) => key.rotationDue !== null)
        .map((key) => ({
          ...finding(key, `owner changed ${daysBetween(key.rotationDue!.since, now)} days ago (now ${key.owner ?? 'nobody'}); not rotated since`),
          rotationDueSince: key.rotationDue!.since.toISOString(),
        })),
      ...eventFindings,
    },
    notYetRecorded: sections.filter((section) => !EVENT_SECTIONS[section].tracked()),
    activity: {
      total: countActivity(entries),
      byMonth: monthsOf(p.from, p.to).map((month) => ({
        month,
        ...countActivity(entries.filter((entry) => entry.occurredAt.toISOString().startsWith(month))),
      })),
    },
  };
}
