import type { RateLimit, UsageQuota, KeyStatus, KeySummary, VerificationResult } from '@pxxl/contracts';

/** The shapes the key service and the audit app answer (docs/api.md, docs/audit.md). */
export type { KeyStatus, RateLimit, UsageQuota };
export type Consistency = 'verifiable' | 'pending';

/** A key as listed and as GET /v1/keys/:id shows it. */
export type ApiKey = KeySummary;

export interface KeyPage {
  items: ApiKey[];
  nextCursor: string | null;
}

/** The one answer that holds a plaintext key (`key`): create, and rotate below. */
export type CreatedKey = Pick<ApiKey, 'id' | 'workspaceId' | 'name' | 'description' | 'scopes' | 'expiresAt' | 'createdAt' | 'createdBy' | 'displayPrefix' | 'version' | 'owner'> & {
  key: string;
  consistency: Consistency;
};

export type RotatedKey = CreatedKey & { gracePeriodSeconds: number; previousSecretValidUntil: string | null };

export interface KeyChange {
  id: string;
  version: number;
  consistency: Consistency;
}

export interface CreateKeyRequest {
  name: string;
  description?: string | null;
  scopes?: string[];
  preset?: string;
  presetResource?: string;
  expiresAt?: string | null;
  rateLimit?: RateLimit | null;
  usage?: UsageQuota | null;
  allowedIps?: string[] | null;
  owner?: string | null;
}

/** What PATCH /v1/keys/{id} can change: absent keeps, null clears (a limit: lifts it). */
export interface UpdateKeyRequest {
  name?: string;
  description?: string | null;
  rateLimit?: RateLimit | null;
  usage?: UsageQuota | null;
  allowedIps?: string[] | null;
  owner?: string | null;
}

/** GET /v1/keys/{id}/usage: verifications per day by outcome. */
export interface KeyUsageReport {
  keyId: string;
  days: Array<{ day: string } & Record<string, number>>;
  totals: Record<string, number>;
}

export interface ListKeysQuery {
  status?: KeyStatus[];
  owner?: string;
  limit?: number;
  cursor?: string;
}

export interface CatalogScope {
  name: string;
  area: string;
  action: string;
  description: string;
  resource: string | null;
}

export interface ScopePresetView {
  name: string;
  title: string;
  description: string;
  scopes: string[];
  resource: string | null;
}

export interface ScopeCatalog {
  grammar: Record<string, unknown>;
  scopes: CatalogScope[];
  presets: ScopePresetView[];
}

export type VerifyAnswer = VerificationResult;

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface IntegrityReport {
  ok: boolean;
  workspaceId: string;
  range: { fromSeq: number; toSeq: number } | null;
  head: ChainHead | null;
  [detail: string]: unknown;
}

export interface AuditRange {
  from?: string;
  to?: string;
  fromSeq?: number;
  toSeq?: number;
}

export interface AuditExportQuery extends AuditRange {
  format?: 'ndjson' | 'csv' | 'bundle';
  keyId?: string;
  type?: string;
  actor?: string;
}

/** The proof answers (docs/audit.md), one definition shared with the audit app. */
export type { ConsistencyProofAnswer as ConsistencyProof, InclusionProofAnswer as InclusionProof } from '@pxxl/audit-trail';

export interface ReviewQuery {
  from?: string;
  to?: string;
  expiringWithinDays?: number;
  unusedForDays?: number;
  notRotatedForDays?: number;
}

/** One key's outcome of POST /v1/owners/{owner}/rotate or /revoke; a rotated key's carries its new secret. */
export interface OwnerKeyOutcome {
  keyId: string;
  outcome: 'rotated' | 'revoked' | 'failed';
  code?: string;
  message?: string;
  key?: string;
  displayPrefix?: string;
  owner?: string | null;
  version?: number;
  gracePeriodSeconds?: number;
  previousSecretValidUntil?: string | null;
  consistency?: Consistency;
}

export interface OwnerKeysAnswer {
  owner: string;
  results: OwnerKeyOutcome[];
}
