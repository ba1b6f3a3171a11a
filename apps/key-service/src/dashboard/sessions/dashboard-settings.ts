/** Session timing and where the audit app answers (from DashboardConfig). */
export interface DashboardSettings {
  idleTimeoutMs: number;
  maxLifetimeMs: number;
  secureCookies: 'auto' | 'always' | 'never';
  auditUrl: string;
}

export const DASHBOARD_SETTINGS = 'DASHBOARD_SETTINGS';

/** How long a created or rotated key waits, sealed, for the page that shows it once. */
export const REVEAL_WINDOW_MS = 5 * 60_000;
