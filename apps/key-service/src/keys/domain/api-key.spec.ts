import { envelopeEvent, type DecidedEvent, type KeyEvent } from '@pxxl/contracts';
import { deciderSpec } from '@pxxl/testing';
import { decide, DEFAULT_KEY_POLICY, evolve, fold, initialState, type KeyCommand, type ApiKeyState, type KeyPolicy } from './api-key';
import { keyGrantor, SYSTEM_GRANTOR } from './grant-rules';

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
  grantor: SYSTEM_GRANTOR,
  ...overrides,
});

const policy = (overrides: Partial<KeyPolicy>): KeyPolicy => ({ ...DEFAULT_KEY_POLICY, ...overrides });
const withScopes = (scopes: string[]): DecidedEvent => ({ type: 'KeyCreated', data: { ...created.data, scopes } as never });

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
      spec
        .given([])
        .when(create({ expiresAt: null, policy: policy({ allowNonExpiring: true }) }))
        .then([{ type: 'KeyCreated', data: { ...created.data, expiresAt: null } as never }]);
    });

    it('rejects an expiry in the past or beyond the maximum lifetime', () => {
      spec.given([]).when(create({ expiresAt: NOW.toISOString() })).thenThrows('EXPIRY_IN_PAST');
      spec.given([]).when(create({ expiresAt: '2027-01-11T12:00:00.000Z' })).thenThrows('EXPIRY_TOO_FAR');
    });

    it('takes the maximum lifetime from the workspace policy', () => {
      spec.given([]).when(create({ policy: policy({ maxLifetimeDays: 29 }) })).thenThrows('EXPIRY_TOO_FAR');
      spec.given([]).when(create({ policy: policy({ maxLifetimeDays: 30 }) })).then([created]);
    });

    it('rejects scopes outside the catalog, and a resource on a scope that takes none', () => {
      spec.given([]).when(create({ scopes: ['deployments:delete'] })).thenThrows('UNKNOWN_SCOPE');
      spec.given([]).when(create({ scopes: ['billing:read:acct-1'] })).thenThrows('UNKNOWN_SCOPE');
      spec.given([]).when(create({ scopes: ['cdn:upload:bad/space'] })).thenThrows('UNKNOWN_SCOPE');
    });

    it('expands a preset into explicit scopes, narrowed to presetResource and merged with listed scopes', () => {
      spec
        .given([])
        .when(create({ scopes: undefined, preset: 'cdn-uploader', presetResource: 'web' }))
        .then([withScopes(['cdn:read:web', 'cdn:upload:web'])]);
      spec
        .given([])
        .when(create({ scopes: ['usage:read', 'health:read'], preset: 'monitoring' }))
        .then([
          withScopes(['deployments:read', 'health:read', 'usage:read']),
          { type: 'KeyLimitsChanged', data: { rateLimit: { limit: 60, windowSeconds: 60 }, usage: null, allowedIps: null } },
        ]);
    });

    it("gives a key its preset's rate limit unless the request sets its own (null: none)", () => {
      spec
        .given([])
        .when(create({ preset: 'monitoring', limits: { rateLimit: { limit: 5, windowSeconds: 1 } } }))
        .then([
          withScopes(['deployments:read', 'health:read', 'projects:read', 'usage:read']),
          { type: 'KeyLimitsChanged', data: { rateLimit: { limit: 5, windowSeconds: 1 }, usage: null, allowedIps: null } },
        ]);
      spec.given([]).when(create({ preset: 'monitoring', limits: { rateLimit: null } })).then([withScopes(['deployments:read', 'health:read', 'projects:read', 'usage:read'])]);
    });

    it("refuses limits looser than the workspace policy's maxima, on create and on a change of limits, but not a rename", () => {
      const strict = policy({ maxRateLimit: { limit: 100, windowSeconds: 60 } });
      spec.given([]).when(create({ policy: strict })).thenThrows('LIMIT_NOT_ALLOWED');
      spec.given([]).when(create({ policy: strict, limits: { rateLimit: { limit: 1000, windowSeconds: 60 } } })).thenThrows('LIMIT_NOT_ALLOWED');
      spec.given([stored(created, 1)]).when({ type: 'UpdateKey', limits: { rateLimit: { limit: 200, windowSeconds: 60 } }, policy: strict }).thenThrows('LIMIT_NOT_ALLOWED');
      spec.given([stored(created, 1)]).when({ type: 'UpdateKey', name: 'renamed', policy: strict }).then([{ type: 'KeyUpdated', data: { name: 'renamed' } }]);
    });

    it('rejects an unknown preset, a resource the preset cannot take, and a presetResource without preset', () => {
      spec.given([]).when(create({ preset: 'god-mode' })).thenThrows('UNKNOWN_PRESET');
      spec.given([]).when(create({ preset: 'monitoring', presetResource: 'web' })).thenThrows('INVALID_PRESET_RESOURCE');
      spec.given([]).when(create({ preset: 'cdn-uploader', presetResource: '../etc' })).thenThrows('INVALID_PRESET_RESOURCE');
      spec.given([]).when(create({ presetResource: 'web' })).thenThrows('INVALID_PRESET_RESOURCE');
    });

    it('asks for explicit scopes with the internal-automation preset', () => {
      spec.given([]).when(create({ scopes: undefined, preset: 'internal-automation' })).thenThrows('NO_SCOPES');
      spec.given([]).when(create({ scopes: ['projects:write:web'], preset: 'internal-automation' })).then([withScopes(['projects:write:web'])]);
    });

    it('refuses to grant scopes the calling key does not hold (no escalation)', () => {
      const caller = keyGrantor(['api_keys:write', 'deployments:read', 'cdn:upload:web']);
      spec.given([]).when(create({ grantor: caller, scopes: ['billing:read'] })).thenThrows('SCOPE_ESCALATION');
      spec.given([]).when(create({ grantor: caller, scopes: ['cdn:upload'] })).thenThrows('SCOPE_ESCALATION');
      spec.given([]).when(create({ grantor: caller, scopes: ['cdn:upload:docs'] })).thenThrows('SCOPE_ESCALATION');
      spec.given([]).when(create({ grantor: caller, scopes: ['deployments:read:web', 'cdn:upload:web'] })).then([withScopes(['cdn:upload:web', 'deployments:read:web'])]);
    });

    it('refuses scopes outside the workspace allow-list', () => {
      const allowList = policy({ scopeAllowList: ['api_keys:read', 'api_keys:write', 'cdn:upload:web', 'deployments:read'] });
      spec.given([]).when(create({ policy: allowList, scopes: ['projects:read'] })).thenThrows('SCOPE_NOT_ALLOWED');
      spec.given([]).when(create({ policy: allowList, scopes: ['cdn:upload'] })).thenThrows('SCOPE_NOT_ALLOWED');
      spec.given([]).when(create({ policy: allowList, scopes: ['cdn:upload:web', 'deployments:read:api'] })).then([withScopes(['cdn:upload:web', 'deployments:read:api'])]);
    });
  });

  describe('RotateKey', () => {
    const rotate = (grace?: number, now = NOW, overrides: Partial<Extract<KeyCommand, { type: 'RotateKey' }>> = {}): KeyCommand => ({
      type: 'RotateKey',
      secretHash: NEW_HASH,
      displayPrefix: `pxxl_${KEY_ID}_wxyz`,
      gracePeriodSeconds: grace,
      now,
      grantor: SYSTEM_GRANTOR,
      ...overrides,
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

    it('takes the maximum grace period from the workspace policy', () => {
      spec.given([stored(created, 1)]).when(rotate(3601, NOW, { policy: policy({ maxGracePeriodSeconds: 3600 }) })).thenThrows('INVALID_GRACE_PERIOD');
    });

    it('refuses a rotation by a key that does not hold the rotated key’s scopes', () => {
      const narrow = keyGrantor(['api_keys:write', 'deployments:read']);
      spec.given([stored(created, 1)]).when(rotate(0, NOW, { grantor: narrow })).thenThrows('SCOPE_ESCALATION');
      const enough = keyGrantor(['api_keys:write', 'deployments:read', 'projects:read']);
      expect(decide(rotate(0, NOW, { grantor: enough }), fold([stored(created, 1)]))[0].type).toBe('KeyRotated');
    });

    it('refuses a new secret for a key the policy would no longer grant', () => {
      const given = spec.given([stored(created, 1)]);
      given.when(rotate(0, NOW, { policy: policy({ scopeAllowList: ['api_keys:read', 'api_keys:write', 'deployments:read'] }) })).thenThrows('SCOPE_NOT_ALLOWED');
      given.when(rotate(0, NOW, { policy: policy({ maxLifetimeDays: 7 }) })).thenThrows('EXPIRY_TOO_FAR');
      const forever = stored({ type: 'KeyCreated', data: { ...created.data, expiresAt: null } as never }, 1);
      spec.given([forever]).when(rotate()).thenThrows('EXPIRY_REQUIRED');
      expect(decide(rotate(0, NOW, { policy: policy({ allowNonExpiring: true }) }), fold([forever]))[0].type).toBe('KeyRotated');
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
