import type { KeySummary } from '@pxxl/contracts';
import type { KeyView } from '@pxxl/key-read-model';
import { DELETED_REASON } from '../../domain/api-key';
import type { ListedStatus } from '../../ports';

/** A key as the management API shows it: the shape lives in the contracts, shared with clients. */
export type { KeySummary };

/** Expiry needs no event: it is computed from expiresAt at read time. */
export function keyStatus(view: Pick<KeyView, 'status' | 'revokedReason' | 'expiresAt'>, now: Date): ListedStatus {
  if (view.status === 'revoked') return view.revokedReason === DELETED_REASON ? 'deleted' : 'revoked';
  if (view.expiresAt !== null && view.expiresAt <= now) return 'expired';
  return 'active';
}

const iso = (date: Date | null | undefined) => (date == null ? null : new Date(date).toISOString());

/** `remaining`: the key's unspent quota credits (CreditBalance), when it has a quota. */
export function toKeySummary(view: KeyView, now: Date, remaining?: number): KeySummary {
  return {
    id: view._id,
    workspaceId: view.workspaceId,
    name: view.name,
    description: view.description ?? null,
    scopes: view.scopes,
    status: keyStatus(view, now),
    displayPrefix: view.displayPrefix,
    createdAt: iso(view.createdAt)!,
    createdBy: view.createdBy,
    expiresAt: iso(view.expiresAt),
    lastUsedAt: iso(view.lastUsedAt),
    rotatedAt: iso(view.rotatedAt),
    revokedAt: iso(view.revokedAt),
    revokedReason: view.revokedReason ?? null,
    rateLimit: view.rateLimit ?? null,
    usage: view.usage ? { ...view.usage, remaining: remaining ?? null } : null,
    allowedIps: view.allowedIps ?? null,
    owner: view.owner ?? null,
    rotationDue: view.rotationDue != null,
    rotationDueReason: view.rotationDue?.reason ?? null,
    rotationDueSince: iso(view.rotationDue?.since),
    version: view.version,
  };
}
