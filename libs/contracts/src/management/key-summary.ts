import type { RateLimit, UsageQuota } from '../limits/key-limits';

/** What the management API says of a key's state; `expired` is computed at read time. */
export type KeyStatus = 'active' | 'expired' | 'revoked' | 'deleted';

/**
 * A key as the management API shows it (GET /v1/keys, GET /v1/keys/:id):
 * never the secret, never the hash. Shared by the key service that answers it
 * and the clients that read it (libs/client, the pxxl-keys CLI).
 */
export interface KeySummary {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  scopes: string[];
  status: KeyStatus;
  displayPrefix: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  rotatedAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  /** The key's limits (docs/limits.md); null: none of that kind. */
  rateLimit: RateLimit | null;
  /** `remaining`: credits of the current period not yet handed to an instance (null when unknown). */
  usage: (UsageQuota & { remaining: number | null }) | null;
  allowedIps: string[] | null;
  /** Who answers for the key: `team:…`, `user:…` or `service:…`; null: nobody named. */
  owner: string | null;
  /** True after a change of owner (not the first one), until the key is rotated. */
  rotationDue: boolean;
  rotationDueReason: 'OWNER_CHANGED' | null;
  /** ISO-8601: the first change of owner since the last rotation. */
  rotationDueSince: string | null;
  version: number;
}
