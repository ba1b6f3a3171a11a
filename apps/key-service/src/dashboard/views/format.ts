const DAY_MS = 24 * 3600 * 1000;

/** Within this many days an expiry is flagged (the review report's default "expiring soon"). */
export const EXPIRY_WARNING_DAYS = 30;
/** Expirations further out than this are called long on the create form. */
export const LONG_EXPIRY_DAYS = 180;
export const DEFAULT_EXPIRY_DAYS = 90;

/** `2026-05-01 14:03 UTC`: one unambiguous form on every page. */
export function formatDate(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

export function daysUntil(iso: string, now: Date): number {
  return Math.ceil((new Date(iso).getTime() - now.getTime()) / DAY_MS);
}

/** "today", "3 days ago", "in 12 days". */
export function relative(iso: string, now: Date): string {
  const days = Math.round((new Date(iso).getTime() - now.getTime()) / DAY_MS);
  if (days === 0) return 'today';
  if (days > 0) return `in ${days} day${days === 1 ? '' : 's'}`;
  return `${-days} day${days === -1 ? '' : 's'} ago`;
}

/** The yyyy-mm-dd `days` ahead of now, for a date input. */
export function dateInDays(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}
