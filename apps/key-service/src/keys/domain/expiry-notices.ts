import { EXPIRY_NOTICE_MAX_DAYS, type DecidedEvent } from '@pxxl/contracts';

/**
 * Expiry notices, pure: which notice (KeyExpiring for a threshold, or
 * KeyExpired) a key is due, given its current expiry, the notices it already
 * had and the clock. The key aggregate decides with it (so a second notice for
 * the same threshold is never decided) and the scheduler filters candidates
 * with it before loading any stream.
 */

const DAY_MS = 24 * 3600 * 1000;

/** The workspace policy's default `expiryNoticeDays`. */
export const DEFAULT_EXPIRY_NOTICE_DAYS: readonly number[] = [14, 1];

/**
 * The thresholds of a workspace, from its policy's `expiryNoticeDays` when the
 * policy has that field, else [14, 1]. The one place that reads them: values
 * outside 1…365 or not integers are ignored, duplicates dropped, largest first.
 */
export function expiryNoticeDaysOf(policy: object): number[] {
  const configured = (policy as { expiryNoticeDays?: unknown }).expiryNoticeDays;
  const days = Array.isArray(configured) ? configured : DEFAULT_EXPIRY_NOTICE_DAYS;
  const valid = days.filter((day): day is number => Number.isInteger(day) && day >= 1 && day <= EXPIRY_NOTICE_MAX_DAYS);
  return [...new Set(valid)].sort((a, b) => b - a);
}

/** The key's owner handle, or null (the notices carry it for subscribers that notify owners). */
export function ownerOf(state: { owner?: string | null }): string | null {
  return state.owner ?? null;
}

/** What the notice rules need to know about a key. */
export interface NoticeSubject {
  revoked: boolean;
  createdAt: string;
  /** The current expiry; null never expires. */
  expiresAt: string | null;
  /** Thresholds already noticed for the current expiry. */
  noticedDays: readonly number[];
  /** KeyExpired already noticed for the current expiry. */
  expiredNoticed: boolean;
}

export type DueNotice = { type: 'KeyExpiring'; thresholdDays: number } | { type: 'KeyExpired' };

/**
 * The one notice due now, or null:
 * - none for a revoked (or deleted) key, or one that never expires;
 * - past the expiry: KeyExpired, once;
 * - before it: KeyExpiring for the nearest threshold the clock has crossed,
 *   unless that threshold or a nearer one was noticed already. A threshold
 *   that was already behind the key when it was created is not a crossing
 *   (a key created 10 days before its expiry gets the 1-day notice, not a
 *   14-day one), and several thresholds crossed at once (an outage) give
 *   one notice, the nearest.
 */
export function dueNotice(key: NoticeSubject, thresholdDays: readonly number[], now: Date): DueNotice | null {
  if (key.revoked || key.expiresAt === null) return null;
  const expiresAt = new Date(key.expiresAt).getTime();
  if (now.getTime() >= expiresAt) return key.expiredNoticed ? null : { type: 'KeyExpired' };
  const createdAt = new Date(key.createdAt).getTime();
  const crossed = thresholdDays.filter((days) => {
    const threshold = expiresAt - days * DAY_MS;
    return now.getTime() >= threshold && createdAt < threshold;
  });
  if (crossed.length === 0) return null;
  const nearest = Math.min(...crossed);
  if (key.noticedDays.some((days) => days <= nearest)) return null;
  return { type: 'KeyExpiring', thresholdDays: nearest };
}

/** The decided event of a due notice, with what subscribers need: the expiry it is about and the owner to tell. */
export function noticeEvent(due: DueNotice, expiresAt: string, owner: string | null): DecidedEvent {
  return due.type === 'KeyExpired'
    ? { type: 'KeyExpired', data: { expiresAt, owner } }
    : { type: 'KeyExpiring', data: { thresholdDays: due.thresholdDays, expiresAt, owner } };
}
