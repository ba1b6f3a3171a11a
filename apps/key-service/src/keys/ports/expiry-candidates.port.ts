import type { NoticeSubject } from '../domain/expiry-notices';

/** A key that may be due an expiry notice, as the read model has it (the stream decides). */
export interface ExpiryCandidate extends NoticeSubject {
  keyId: string;
  workspaceId: string;
}

/** Where the expiry scheduler finds keys near or past their expiry: the read model, by a range scan on expiresAt. */
export interface ExpiryCandidates {
  /** Workspaces that have keys. */
  workspaces(): Promise<string[]>;
  /** Active keys of the workspace expiring at or before `horizon` that have not had their KeyExpired notice. */
  expiringBy(workspaceId: string, horizon: Date): Promise<ExpiryCandidate[]>;
}

export const EXPIRY_CANDIDATES = 'EXPIRY_CANDIDATES';
