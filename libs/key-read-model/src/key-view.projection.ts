import { periodGrant, usagePeriod, type KeyEvent, type UsageQuota } from '@pxxl/contracts';
import type { KeyCredits, KeyView } from './key-view.schema';

/**
 * Pure: what one event does to the verification read model. A KeyCreated
 * inserts (only if absent); every later event updates the view only if it is
 * exactly at the previous version. So a duplicate or replayed event changes
 * nothing, and events are never applied out of order.
 */
export type ProjectionOp =
  | { kind: 'insert'; view: KeyView }
  | { kind: 'update'; keyId: string; expectedVersion: number; set: Partial<KeyView> & { version: number } }
  | { kind: 'skip'; reason: 'duplicate' | 'gap' };

/**
 * `current` is the view as stored (null if none); it is needed only for
 * events after KeyCreated (to check the version, and for a rotation with
 * grace, whose previous secret hash is the current one).
 */
export function project(event: KeyEvent, current: KeyView | null): ProjectionOp {
  if (event.type !== 'KeyCreated') {
    if (current === null || current.version < event.version - 1) return { kind: 'skip', reason: 'gap' };
    if (current.version >= event.version) return { kind: 'skip', reason: 'duplicate' };
  }
  const at = new Date(event.occurredAt);
  switch (event.type) {
    case 'KeyCreated':
      return {
        kind: 'insert',
        view: {
          _id: event.keyId,
          workspaceId: event.workspaceId,
          name: event.data.name,
          description: event.data.description,
          scopes: event.data.scopes,
          status: 'active',
          secretHash: event.data.secretHash,
          displayPrefix: event.data.displayPrefix,
          previousSecretHash: null,
          previousSecretValidUntil: null,
          createdAt: at,
          createdBy: event.actor,
          expiresAt: event.data.expiresAt === null ? null : new Date(event.data.expiresAt),
          rotatedAt: null,
          revokedAt: null,
          revokedReason: null,
          lastUsedAt: null,
          rateLimit: null,
          usage: null,
          allowedIps: null,
          credits: null,
          expiryNotices: null,
          expiredAt: null,
          owner: null,
          rotationDue: null,
          version: event.version,
        },
      };
    case 'KeyRotated':
      return update(event, {
        secretHash: event.data.secretHash,
        displayPrefix: event.data.displayPrefix,
        rotatedAt: at,
        rotationDue: null,
        previousSecretHash: event.data.previousSecretValidUntil === null ? null : current!.secretHash,
        previousSecretValidUntil: event.data.previousSecretValidUntil === null ? null : new Date(event.data.previousSecretValidUntil),
      });
    case 'KeyRevoked':
      return update(event, {
        status: 'revoked',
        revokedAt: at,
        revokedReason: event.data.reason,
        previousSecretHash: null,
        previousSecretValidUntil: null,
      });
    case 'KeyUpdated':
      return update(event, { ...event.data });
    case 'KeyLimitsChanged': {
      const { rateLimit, usage, allowedIps } = event.data;
      // The same quota again keeps its count; a different one starts afresh at this version.
      const sameQuota = usage !== null && current!.credits !== null && sameUsage(current!.usage, usage);
      const credits: KeyCredits | null =
        usage === null ? null : sameQuota ? current!.credits : { epoch: event.version, firstPeriod: usagePeriod(usage, at), topUps: [] };
      return update(event, { rateLimit, usage, allowedIps, credits });
    }
    case 'KeyCreditsAdded':
      return update(event, { credits: addCredits(current!, event.data.period, event.data.amount) });
    // A notice about an expiry the key no longer has changes only the version.
    case 'KeyExpiring':
      return update(event, isCurrentExpiry(current!, event.data.expiresAt) ? { expiryNotices: [...(current!.expiryNotices ?? []), event.data.thresholdDays] } : {});
    case 'KeyExpired':
      return update(event, isCurrentExpiry(current!, event.data.expiresAt) ? { expiredAt: at } : {});
    case 'KeyOwnerChanged': {
      // The first owner is no change of hands; a later change is due for rotation (since the first one) until rotated.
      const due = current!.rotationDue ?? null;
      const rotationDue = due !== null || event.data.previousOwner === null ? due : { reason: 'OWNER_CHANGED' as const, since: at };
      return update(event, { owner: event.data.owner, rotationDue });
    }
  }
}

function isCurrentExpiry(view: KeyView, expiresAt: string): boolean {
  return view.expiresAt !== null && new Date(view.expiresAt).getTime() === new Date(expiresAt).getTime();
}

function sameUsage(a: UsageQuota | null, b: UsageQuota): boolean {
  return a !== null && a.limit === b.limit && a.refill?.amount === b.refill?.amount && a.refill?.interval === b.refill?.interval;
}

/** A top-up's credits are numbered after the period's own grant and the period's earlier top-ups. */
function addCredits(view: KeyView, period: string, amount: number): KeyCredits | null {
  if (view.usage === null || view.credits === null) return view.credits;
  const earlier = view.credits.topUps.filter((topUp) => topUp.period === period);
  const start = earlier.reduce((end, topUp) => Math.max(end, topUp.start + topUp.amount), periodGrant(view.usage, period, view.credits.firstPeriod));
  return { ...view.credits, topUps: [...earlier, { period, start, amount }] };
}

function update(event: KeyEvent, set: Partial<KeyView>): ProjectionOp {
  return { kind: 'update', keyId: event.keyId, expectedVersion: event.version - 1, set: { ...set, version: event.version } };
}

/** Applies one event to a view in memory, with the projector's own rules (version guard included). */
export function applyToView(view: KeyView | null, event: KeyEvent): KeyView | null {
  const op = project(event, view);
  if (op.kind === 'insert') return view ?? op.view;
  if (op.kind === 'update') return { ...(view as KeyView), ...op.set };
  return view;
}
