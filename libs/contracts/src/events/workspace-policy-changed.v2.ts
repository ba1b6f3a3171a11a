import type { RateLimit } from '../limits/key-limits';
import type { WorkspacePolicyChangedV1Data } from './workspace-policy-changed.v1';

/**
 * v2 adds what the compliance workflow needs: owners, expiry notices and the
 * loosest limits a new key may have. Every v1 event reads as v2 with the
 * defaults (upcasters.ts): no owner required, notices 14 and 1 days ahead,
 * no limit maxima.
 */
export interface WorkspacePolicyChangedV2Data extends WorkspacePolicyChangedV1Data {
  /** Whether a new key must name its owner (`team:…`, `user:…`, `service:…`). */
  requireOwner: boolean;
  /** Days before expiry a `KeyExpiring` notice is due: distinct integers 1–365, at most 5, sorted descending. */
  expiryNoticeDays: number[];
  /**
   * The loosest rate limit a key may be given: its limit may not exceed this
   * limit, nor its average rate (limit / windowSeconds) this one's. Set: every
   * new key needs a rate limit. null: no maximum.
   */
  maxRateLimit: RateLimit | null;
  /** The most verifications a key's usage quota may grant (its limit and its refill amount). Set: every new key needs a quota. null: no maximum. */
  maxUsageLimit: number | null;
  /** Whether every new key must carry an IP allow-list. */
  requireAllowedIps: boolean;
}

/** Same envelope as v1 (stream `policy:<workspaceId>`, message key `workspace:<workspaceId>`), the complete policy in `data`. */
export interface WorkspacePolicyChangedV2 {
  eventId: string;
  type: 'WorkspacePolicyChanged';
  schemaVersion: 2;
  workspaceId: string;
  /** Per-workspace policy sequence number, 1 for the first change. */
  version: number;
  occurredAt: string;
  actor: string;
  data: WorkspacePolicyChangedV2Data;
}

/** What v2 adds, as a v1 event reads: the defaults of the fields v1 did not have. */
export const WORKSPACE_POLICY_V2_DEFAULTS: Omit<WorkspacePolicyChangedV2Data, keyof WorkspacePolicyChangedV1Data> = {
  requireOwner: false,
  expiryNoticeDays: [14, 1],
  maxRateLimit: null,
  maxUsageLimit: null,
  requireAllowedIps: false,
};
