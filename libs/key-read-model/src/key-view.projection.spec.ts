import { envelopeEvent, type DecidedEvent, type KeyEvent } from '@pxxl/contracts';
import { projectionSpec } from '@pxxl/testing';
import type { KeyView } from './key-view.schema';
import { applyToView, project, type ProjectionOp } from './key-view.projection';

const KEY_ID = 'AbCdEfGh12345678';
const HASH_1 = '$2b$10$' + '1'.repeat(53);
const HASH_2 = '$2b$10$' + '2'.repeat(53);
const AT = '2026-01-10T12:00:00.000Z';
const LATER = '2026-01-11T08:30:00.000Z';

const spec = projectionSpec<KeyEvent, KeyView, ProjectionOp>({ project, apply: applyToView });

function event(decided: DecidedEvent, version: number, at = AT): KeyEvent {
  return envelopeEvent(decided, { eventId: `e-${version}`, keyId: KEY_ID, workspaceId: 'acme', version, occurredAt: at, actor: 'key:AdminAdminAdmin1' });
}

const created = event(
  {
    type: 'KeyCreated',
    data: { name: 'CDN uploader', description: null, scopes: ['cdn:upload'], expiresAt: '2026-03-01T00:00:00.000Z', secretHash: HASH_1, displayPrefix: `pxxl_${KEY_ID}_abcd` },
  },
  1,
);
const rotated = (version: number, graceUntil: string | null) =>
  event(
    { type: 'KeyRotated', data: { secretHash: HASH_2, displayPrefix: `pxxl_${KEY_ID}_wxyz`, gracePeriodSeconds: graceUntil ? 3600 : 0, previousSecretValidUntil: graceUntil } },
    version,
    LATER,
  );
const revoked = (version: number, reason: string | null) => event({ type: 'KeyRevoked', data: { reason } }, version, LATER);
const renamed = (version: number, name: string) => event({ type: 'KeyUpdated', data: { name } }, version, LATER);

const viewAfterCreation: KeyView = {
  _id: KEY_ID,
  workspaceId: 'acme',
  name: 'CDN uploader',
  description: null,
  scopes: ['cdn:upload'],
  status: 'active',
  secretHash: HASH_1,
  displayPrefix: `pxxl_${KEY_ID}_abcd`,
  previousSecretHash: null,
  previousSecretValidUntil: null,
  createdAt: new Date(AT),
  createdBy: 'key:AdminAdminAdmin1',
  expiresAt: new Date('2026-03-01T00:00:00.000Z'),
  rotatedAt: null,
  revokedAt: null,
  revokedReason: null,
  rateLimit: null,
  usage: null,
  allowedIps: null,
  credits: null,
  expiryNotices: null,
  expiredAt: null,
  lastUsedAt: null,
  owner: null,
  rotationDue: null,
  version: 1,
};

const nothing = (reason: 'duplicate' | 'gap'): ProjectionOp => ({ kind: 'skip', reason });
const update = (expectedVersion: number, set: Partial<KeyView>): ProjectionOp => ({ kind: 'update', keyId: KEY_ID, expectedVersion, set: { ...set, version: expectedVersion + 1 } });

describe('key view projection', () => {
  describe('KeyCreated', () => {
    it('inserts an active view naming its creator, with no usage (that is key_usage’s)', () => {
      spec.given([]).when(created).then({ kind: 'insert', view: viewAfterCreation });
    });

    it('inserts only where no view is: a redelivered creation leaves the view as it is', () => {
      spec.given([created, renamed(2, 'Renamed')]).when(created).thenView({ ...viewAfterCreation, name: 'Renamed', version: 2 });
    });
  });

  describe('KeyRotated', () => {
    it('keeps the old hash through a grace period', () => {
      spec
        .given([created])
        .when(rotated(2, '2026-01-11T09:30:00.000Z'))
        .then(
          update(1, {
            secretHash: HASH_2,
            displayPrefix: `pxxl_${KEY_ID}_wxyz`,
            rotatedAt: new Date(LATER),
            rotationDue: null,
            previousSecretHash: HASH_1,
            previousSecretValidUntil: new Date('2026-01-11T09:30:00.000Z'),
          }),
        );
    });

    it('drops the old hash at once without a grace period', () => {
      spec
        .given([created])
        .when(rotated(2, null))
        .then(update(1, { secretHash: HASH_2, displayPrefix: `pxxl_${KEY_ID}_wxyz`, rotatedAt: new Date(LATER), rotationDue: null, previousSecretHash: null, previousSecretValidUntil: null }));
    });
  });

  describe('KeyRevoked', () => {
    it('revokes with its reason and ends a grace period still running', () => {
      spec
        .given([created, rotated(2, '2026-01-11T09:30:00.000Z')])
        .when(revoked(3, 'leaked'))
        .then(update(2, { status: 'revoked', revokedAt: new Date(LATER), revokedReason: 'leaked', previousSecretHash: null, previousSecretValidUntil: null }));
    });
  });

  describe('KeyUpdated', () => {
    it('sets exactly the fields the event carries', () => {
      spec.given([created]).when(renamed(2, 'Renamed')).then(update(1, { name: 'Renamed' }));
      spec
        .given([created])
        .when(event({ type: 'KeyUpdated', data: { description: 'owned by SRE' } }, 2))
        .then(update(1, { description: 'owned by SRE' }));
    });
  });

  describe('KeyExpiring and KeyExpired', () => {
    const expiring = (version: number, thresholdDays: number, expiresAt = '2026-03-01T00:00:00.000Z') =>
      event({ type: 'KeyExpiring', data: { thresholdDays, expiresAt, owner: 'team:payments' } }, version, LATER);

    it('records each threshold noticed for the current expiry, then when KeyExpired was noticed', () => {
      spec.given([created]).when(expiring(2, 14)).then(update(1, { expiryNotices: [14] }));
      spec.given([created, expiring(2, 14)]).when(expiring(3, 1)).then(update(2, { expiryNotices: [14, 1] }));
      spec
        .given([created, expiring(2, 14)])
        .when(event({ type: 'KeyExpired', data: { expiresAt: '2026-03-01T00:00:00.000Z', owner: null } }, 3, LATER))
        .then(update(2, { expiredAt: new Date(LATER) }));
    });

    it('only advances the version for a notice about an expiry the key no longer has', () => {
      spec.given([created]).when(expiring(2, 14, '2026-02-01T00:00:00.000Z')).then(update(1, {}));
    });

    it('changes nothing when a notice is replayed', () => {
      spec.given([created, expiring(2, 14)]).when(expiring(2, 14)).then(nothing('duplicate'));
    });
  });

  describe('KeyOwnerChanged', () => {
    const owned = (version: number, owner: string | null, previousOwner: string | null) => event({ type: 'KeyOwnerChanged', data: { owner, previousOwner } }, version, LATER);

    it('sets the first owner without making the key due for rotation', () => {
      spec.given([created]).when(owned(2, 'team:payments', null)).then(update(1, { owner: 'team:payments', rotationDue: null }));
    });

    it('marks a change of hands rotation due, since the first change, until a rotation clears it', () => {
      spec
        .given([created, owned(2, 'team:payments', null)])
        .when(owned(3, 'team:billing', 'team:payments'))
        .then(update(2, { owner: 'team:billing', rotationDue: { reason: 'OWNER_CHANGED', since: new Date(LATER) } }));
      spec
        .given([created, owned(2, 'team:payments', null), owned(3, 'team:billing', 'team:payments'), rotated(4, null)])
        .when(owned(5, 'user:alice', 'team:billing'))
        .then(update(4, { owner: 'user:alice', rotationDue: { reason: 'OWNER_CHANGED', since: new Date(LATER) } }));
      spec
        .given([created, owned(2, 'team:payments', null), owned(3, 'team:billing', 'team:payments')])
        .when(rotated(4, null))
        .then(update(3, { secretHash: HASH_2, displayPrefix: `pxxl_${KEY_ID}_wxyz`, rotatedAt: new Date(LATER), rotationDue: null, previousSecretHash: null, previousSecretValidUntil: null }));
    });
  });

  describe('replay safety (the version guard)', () => {
    it('changes nothing for an event the view already reflects', () => {
      spec.given([created, renamed(2, 'Renamed')]).when(renamed(2, 'Renamed')).then(nothing('duplicate'));
      spec.given([created, renamed(2, 'Renamed'), revoked(3, null)]).when(renamed(2, 'Renamed')).then(nothing('duplicate'));
    });

    it('applies nothing out of order: an event after a missing one is a gap', () => {
      spec.given([created]).when(revoked(5, null)).then(nothing('gap'));
      spec.given([]).when(renamed(2, 'Renamed')).then(nothing('gap'));
    });

    it('changes nothing when the whole stream is replayed', () => {
      const stream = [created, event({ type: 'KeyUpdated', data: { description: 'owned by SRE' } }, 2), rotated(3, null), revoked(4, 'deleted')];
      spec.given(stream).whenReplayed(stream).thenUnchanged();
    });
  });
});
