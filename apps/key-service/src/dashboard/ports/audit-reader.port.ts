/**
 * The audit app's reviewer API as the dashboard reads it, called with the
 * signed-in key (its `audit:read` scope decides). Only the fields the pages
 * show are typed: the apps share no code, the HTTP contract is docs/audit.md.
 */
export interface ReviewKeyFinding {
  keyId: string;
  keyName: string;
  scopes: string[];
  expiresAt: string | null;
  lastUsedAt: string | null;
  rotatedAt: string | null;
  detail: string;
  reasons?: string[];
}

export interface ReviewReportView {
  generatedAt: string;
  period: { from: string; to: string };
  parameters: { expiringWithinDays: number; unusedForDays: number; notRotatedForDays: number };
  keys: { active: number; expired: number; revoked: number };
  findings: {
    noExpiry: ReviewKeyFinding[];
    expiringSoon: ReviewKeyFinding[];
    unused: ReviewKeyFinding[];
    notRotated: ReviewKeyFinding[];
    broadScopes: ReviewKeyFinding[];
  };
}

export interface TimelineEntryView {
  eventId: string;
  type: string;
  actor: string;
  occurredAt: string;
  summary: string;
  chain: { seq: number };
}

export type AuditAnswer<T> = { ok: true; value: T } | { ok: false; reason: 'FORBIDDEN' | 'NOT_FOUND' | 'UNAVAILABLE'; message: string };

export interface AuditReader {
  review(authority: string): Promise<AuditAnswer<ReviewReportView>>;
  timeline(authority: string, keyId: string): Promise<AuditAnswer<TimelineEntryView[]>>;
}

export const AUDIT_READER = 'DASHBOARD_AUDIT_READER';
