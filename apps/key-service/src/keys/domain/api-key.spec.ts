import { envelopeEvent, type DecidedEvent, type KeyEvent } from '@pxxl/contracts';
import { deciderSpec } from '@pxxl/testing';
import { decide, evolve, fold, initialState, type KeyCommand, type ApiKeyState } from './api-key';

const NOW = new Date('2026-01-10T12:00:00.000Z');
const IN_30_DAYS = '2026-02-09T12:00:00.000Z';
const HASH = '$2b$10$' + 'a'.repeat(53);
const NEW_HASH = '$2b$10$' + 'b'.repeat(53);
const KEY_ID = 'AbCdEfGh12345678';

const spec = deciderSpec<KeyCommand, KeyEvent, DecidedEvent, ApiKeyState>({ decide, evolve, initialState });

function stored(decided: DecidedEvent, version: number): KeyEvent {
  return envelopeEvent(decided, {
    eventId: `00000000-0000-4000-8000-00000000000${version}`,
    keyId: KEY_ID,
    workspaceId: 'acme',
    version,
    occurredAt: NOW.toISOString(),
    actor: 'system',
  });
}

const create = (overrides: Partial<Extract<KeyCommand, { type: 'CreateKey' }>> = {}): KeyCommand => ({
  type: 'CreateKey',
  keyId: KEY_ID,
  workspaceId: 'acme',
  name: 'Production deploy bot',
  description: 'Checks deployment status',
  scopes: ['deployments:read', 'projects:read'],
  expiresAt: IN_30_DAYS,
  secretHash: HASH,
  displayPrefix: `pxxl_${KEY_ID}_abcd`,
  now: NOW,
  ...overrides,
});

const created: DecidedEvent = {
  type: 'KeyCreated',
  data: {
    name: 'Production deploy bot',
    description: 'Checks deployment status',
    scopes: ['deployments:read', 'projects:read'],
    expiresAt: IN_30_DAYS,
    secretHash: HASH,
    displayPrefix: `pxxl_${KEY_ID}_abcd`,
  },
};

describe('API key decider', () => {
  describe('CreateKey', () => {
    it('creates a key with its name, description, scopes and expiry', () => {
      spec.given([]).when(create()).then([created]);
    });

    it('trims the name, drops an empty description and de-duplicates scopes', () => {
      spec
        .given([])
        .when(create({ name: '  CDN uploader ', description: '   ', scopes: ['cdn:upload', 'cdn:read', 'cdn:upload'] }))
        .then([
          {
            type: 'KeyCreated',
            data: { ...created.data, name: 'CDN uploader', description: null, scopes: ['cdn:read', 'cdn:upload'] } as never,
          },
        ]);
    });

    it('rejects creating a key that already exists', () => {
      spec.given([stored(created, 1)]).when(create()).thenThrows('KEY_ALREADY_EXISTS');
    });

    it('rejects an empty name and a name over 100 characters', () => {
      spec.given([]).when(create({ name: '   ' })).thenThrows('INVALID_NAME');
      spec.given([]).when(create({ name: 'x'.repeat(101) })).thenThrows('INVALID_NAME');
    });

    it('rejects a description over 500 characters', () => {
      spec.given([]).when(create({ description: 'x'.repeat(501) })).thenThrows('INVALID_DESCRIPTION');
    });

    it('rejects a key without scopes and malformed scopes', () => {
      spec.given([]).when(create({ scopes: [] })).thenThrows('NO_SCOPES');
      spec.given([]).when(create({ scopes: ['deployments'] })).thenThrows('UNKNOWN_SCOPE');
    });

    it('requires an expiry unless the policy allows non-expiring keys', () => {
      spec.given([]).when(create({ expiresAt: null })).thenThrows('EXPIRY_REQUIRED');
      const policy = { maxLifetimeDays: 365, allowNonExpiring: true, maxGracePeriodSeconds: 0 };
      spec
        .given([])
        .when(create({ expiresAt: null, policy }))
        .then([{ type: 'KeyCreated', data: { ...created.data, expiresAt: null } as never }]);
    });

    it('rejects an expiry in the past or beyond the maximum lifetime', () => {
      spec.given([]).when(create({ expiresAt: NOW.toISOString() })).thenThrows('EXPIRY_IN_PAST');
      spec.given([]).when(create({ expiresAt: '2027-01-11T12:00:00.000Z' })).thenThrows('EXPIRY_TOO_FAR');
    });
  });

  describe('RotateKey', () => {
    const rotate = (grace?: number, now = NOW): KeyCommand => ({
      type: 'RotateKey',
      secretHash: NEW_HASH,
      displayPrefix: `pxxl_${KEY_ID}_wxyz`,
      gracePeriodSeconds: grace,
      now,
    });

    it('rotates to a new secret; the old one stops at once without grace', () => {
      spec
        .given([stored(created, 1)])
        .when(rotate())
        .then([
          {
            type: 'KeyRotated',
            data: {
              secretHash: NEW_HASH,
              displayPrefix: `pxxl_${KEY_ID}_wxyz`,
              gracePeriodSeconds: 0,
              previousSecretValidUntil: null,
            },
          },
        ]);
    });

    it('caps the grace period at the key expiry', () => {
      const late = new Date('2026-02-09T00:00:00.000Z');
      spec
        .given([stored(created, 1)])
        .when(rotate(7 * 24 * 3600, late))
        .then([
          {
            type: 'KeyRotated',
            data: {
              secretHash: NEW_HASH,
              displayPrefix: `pxxl_${KEY_ID}_wxyz`,
              gracePeriodSeconds: 7 * 24 * 3600,
              previousSecretValidUntil: IN_30_DAYS,
            },
          },
        ]);
    });

    it('rejects a grace period beyond seven days', () => {
      spec.given([stored(created, 1)]).when(rotate(7 * 24 * 3600 + 1)).thenThrows('INVALID_GRACE_PERIOD');
    });

    it('rejects rotating a revoked key', () => {
      const revoked: DecidedEvent = { type: 'KeyRevoked', data: { reason: null } };
      spec.given([stored(created, 1), stored(revoked, 2)]).when(rotate()).thenThrows('KEY_REVOKED');
    });

    it('rejects rotating an expired key', () => {
      spec.given([stored(created, 1)]).when(rotate(0, new Date(IN_30_DAYS))).thenThrows('KEY_EXPIRED');
    });

    it('rejects rotating a key that does not exist', () => {
      spec.given([]).when(rotate()).thenThrows('KEY_NOT_FOUND');
    });
  });

  describe('RevokeKey', () => {
    it('revokes with a reason', () => {
      spec
        .given([stored(created, 1)])
        .when({ type: 'RevokeKey', reason: ' leaked ' })
        .then([{ type: 'KeyRevoked', data: { reason: 'leaked' } }]);
    });

    it('rejects revoking a revoked key', () => {
      const revoked: DecidedEvent = { type: 'KeyRevoked', data: { reason: null } };
      spec
        .given([stored(created, 1), stored(revoked, 2)])
        .when({ type: 'RevokeKey' })
        .thenThrows('KEY_ALREADY_REVOKED');
    });
  });

  describe('UpdateKey', () => {
    it('emits only the fields that changed', () => {
      spec
        .given([stored(created, 1)])
        .when({ type: 'UpdateKey', name: 'Production deploy bot', description: 'Owned by SRE' })
        .then([{ type: 'KeyUpdated', data: { description: 'Owned by SRE' } }]);
    });

    it('emits nothing when nothing changes', () => {
      spec.given([stored(created, 1)]).when({ type: 'UpdateKey', name: 'Production deploy bot' }).then([]);
    });

    it('rejects an update without fields', () => {
      spec.given([stored(created, 1)]).when({ type: 'UpdateKey' }).thenThrows('NOTHING_TO_UPDATE');
    });
  });

  it('folds events into state with the latest version', () => {
    const revoked: DecidedEvent = { type: 'KeyRevoked', data: { reason: 'deleted' } };
    const state = fold([stored(created, 1), stored(revoked, 2)]);
    expect(state).toMatchObject({ exists: true, version: 2, revoked: true, name: 'Production deploy bot' });
  });
});
