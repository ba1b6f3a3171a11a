import type { ApiKey, CreatedKey } from '@pxxl/client';
import type { CliIo } from '../cli-io';
import { fields, json, when } from '../output/table';
import { describeKeyLimits } from './limit-flags';

export const expiry = (iso: string | null) => when(iso, 'never');

/** Scopes for a table cell: as many as fit in `width`, then how many more ("keys get" shows them all). */
export function scopeSummary(scopes: string[], width = 40): string {
  const shown: string[] = [];
  for (const [i, scope] of scopes.entries()) {
    const rest = scopes.length - i - 1;
    const candidate = [...shown, scope].join(' ');
    if (candidate.length + (rest > 0 ? ` +${rest} more`.length : 0) > width && shown.length > 0) {
      return `${shown.join(' ')} +${scopes.length - shown.length} more`;
    }
    shown.push(scope);
  }
  return shown.join(' ');
}

/** One key, field by field (keys get). */
export function keyFields(key: ApiKey): string {
  const limits = describeKeyLimits(key);
  return fields([
    ['id', key.id],
    ['name', key.name],
    ['description', key.description ?? '-'],
    ['status', key.status],
    ['owner', key.owner ?? '-'],
    ['rotation due', key.rotationDue ? `since ${when(key.rotationDueSince)} (${key.rotationDueReason === 'OWNER_CHANGED' ? 'the owner changed' : key.rotationDueReason})` : 'no'],
    ['scopes', key.scopes.join(' ')],
    ['prefix', key.displayPrefix],
    ['created', `${when(key.createdAt)} by ${key.createdBy}`],
    ['expires', expiry(key.expiresAt)],
    ['last used', when(key.lastUsedAt, 'never')],
    ['rotated', when(key.rotatedAt, 'never')],
    ['revoked', key.revokedAt ? `${when(key.revokedAt)} (${key.revokedReason ?? 'no reason given'})` : '-'],
    ['rate limit', limits.rate],
    ['usage quota', limits.quota],
    ['allowed IPs', limits.ips],
    ['version', String(key.version)],
  ]);
}

/**
 * A new secret, shown once: for people the key alone on stdout (so
 * `KEY=$(pxxl-keys keys create …)` captures just it) and the rest on stderr;
 * for scripts the whole answer as JSON.
 */
export function showNewKey(io: CliIo, asJson: boolean, answer: CreatedKey, about: string[]): void {
  if (asJson) {
    io.stdout.write(json(answer));
    return;
  }
  io.stderr.write(about.join('\n') + '\n');
  io.stdout.write(answer.key + '\n');
  io.stderr.write('Copy it now, it will not be shown again.\n');
  if (answer.consistency === 'pending') io.stderr.write('note: the service is catching up; the key verifies within moments.\n');
}
