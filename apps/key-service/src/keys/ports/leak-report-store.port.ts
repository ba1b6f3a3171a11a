export type LeakOutcome = 'revoked' | 'already_revoked';

/** A leak report as kept: never the token, only the key it named. */
export interface LeakReportRecord {
  keyId: string;
  workspaceId: string;
  source: string | null;
  url: string | null;
  receivedAt: Date;
  outcome: LeakOutcome;
}

export interface LeakReportStore {
  record(report: LeakReportRecord): Promise<void>;
}

export const LEAK_REPORT_STORE = 'LEAK_REPORT_STORE';
