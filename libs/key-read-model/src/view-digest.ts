import { createHash } from 'node:crypto';
import type { KeyView } from './key-view.schema';

/** Fields that come from events. Not lastUsedAt: views written before usage moved to `key_usage` may still hold one. */
const DIGESTED: Array<keyof KeyView> = [
  '_id', 'workspaceId', 'name', 'description', 'scopes', 'status', 'secretHash', 'displayPrefix', 'previousSecretHash',
  'previousSecretValidUntil', 'createdAt', 'createdBy', 'expiresAt', 'rotatedAt', 'revokedAt', 'revokedReason',
  'rateLimit', 'usage', 'allowedIps', 'credits', 'version', 'expiryNotices', 'expiredAt',
  'rateLimit', 'usage', 'allowedIps', 'credits', 'version', 'owner', 'rotationDue',
];

function canonical(view: KeyView): string {
  return JSON.stringify(DIGESTED.map((field) => {
    const value = view[field] ?? null;
    if (field === 'rotationDue' && value !== null) {
      const due = value as KeyView['rotationDue'] & object;
      return { reason: due.reason, since: new Date(due.since).toISOString() };
    }
    return value instanceof Date ? value.toISOString() : value;
  }));
}

/** A digest of views fed in `_id` order: equal digests mean equal read models. */
export class ViewDigest {
  private readonly hash = createHash('sha256');
  count = 0;

  add(view: KeyView): void {
    this.hash.update(canonical(view)).update('\n');
    this.count++;
  }

  hex(): string {
    return this.hash.digest('hex');
  }
}
