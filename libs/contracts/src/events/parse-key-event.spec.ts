import { InvalidKeyEventError, parseKeyEvent } from './parse-key-event';

const valid = {
  eventId: '9b2f7f2e-3c1a-4c9e-9a57-1f1d2c3b4a59',
  type: 'KeyCreated',
  schemaVersion: 1,
  keyId: 'AbCdEfGh12345678',
  workspaceId: 'default',
  version: 1,
  occurredAt: '2026-01-10T12:00:00.000Z',
  actor: 'system',
  data: {
    name: 'CDN uploader',
    description: null,
    scopes: ['cdn:upload'],
    expiresAt: '2026-04-10T12:00:00.000Z',
    secretHash: '$2b$10$' + 'a'.repeat(53),
    displayPrefix: 'pxxl_AbCdEfGh12345678_abcd',
  },
};

function reasonOf(input: unknown): string | undefined {
  try {
    parseKeyEvent(input);
    return undefined;
  } catch (error) {
    return (error as InvalidKeyEventError).reason;
  }
}

describe('parseKeyEvent', () => {
  it('accepts a valid event from bytes', () => {
    expect(parseKeyEvent(Buffer.from(JSON.stringify(valid)))).toEqual(valid);
  });

  it('rejects invalid JSON, non-objects, unknown types and unknown versions', () => {
    expect(reasonOf('{nope')).toBe('NOT_JSON');
    expect(reasonOf('[1]')).toBe('NOT_AN_OBJECT');
    expect(reasonOf({ ...valid, type: 'KeyExploded' })).toBe('UNKNOWN_TYPE');
    expect(reasonOf({ ...valid, schemaVersion: 9 })).toBe('UNKNOWN_TYPE');
  });

  it('accepts a workspace event without keyId, and a key signal', () => {
    const policy = {
      eventId: valid.eventId,
      type: 'WorkspacePolicyChanged',
      schemaVersion: 1,
      workspaceId: 'acme',
      version: 1,
      occurredAt: valid.occurredAt,
      actor: 'key:AbCdEfGh12345678',
      data: { maxLifetimeDays: 90, allowNonExpiring: false, maxGracePeriodSeconds: 3600, scopeAllowList: ['api_keys:read', 'api_keys:write'] },
    };
    // v1 reads as v2, with the defaults of what v2 added.
    const v2Defaults = { requireOwner: false, expiryNoticeDays: [14, 1], maxRateLimit: null, maxUsageLimit: null, requireAllowedIps: false };
    expect(parseKeyEvent(JSON.stringify(policy))).toEqual({ ...policy, schemaVersion: 2, data: { ...policy.data, ...v2Defaults } });
    const v2 = { ...policy, schemaVersion: 2, data: { ...policy.data, ...v2Defaults, requireOwner: true, maxRateLimit: { limit: 10, windowSeconds: 1 } } };
    expect(parseKeyEvent(JSON.stringify(v2))).toEqual(v2);
    expect(reasonOf({ ...v2, data: { ...v2.data, expiryNoticeDays: [7, 7] } })).toBe('SCHEMA_VIOLATION');
    expect(reasonOf({ ...policy, data: { ...policy.data, requireOwner: true } })).toBe('SCHEMA_VIOLATION');
    expect(reasonOf({ ...policy, keyId: valid.keyId })).toBe('SCHEMA_VIOLATION');
    expect(reasonOf({ ...policy, data: { ...policy.data, scopeAllowList: ['not a scope'] } })).toBe('SCHEMA_VIOLATION');
    const signal = {
      ...valid,
      type: 'KeyBrowserUseRefused',
      data: { origin: 'https://app.example', secFetchMode: 'cors', secFetchSite: 'cross-site', route: 'POST /v1/verify' },
    };
    expect(parseKeyEvent(signal)).toEqual(signal);
    expect(reasonOf({ ...signal, data: { ...signal.data, token: 'pxxl_x' } })).toBe('SCHEMA_VIOLATION');
  });

  it('rejects an event that violates its schema, such as one carrying a plaintext token', () => {
    expect(reasonOf({ ...valid, data: { ...valid.data, token: 'pxxl_x' } })).toBe('SCHEMA_VIOLATION');
    expect(reasonOf({ ...valid, version: 0 })).toBe('SCHEMA_VIOLATION');
  });
});
