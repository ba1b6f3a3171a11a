import { InvalidKeyEventError, parseKeyEvent } from './parse-key-event';
import { EXPIRY_NOTICE_MAX_DAYS, expiryNoticeEventId } from './key-expiring.v1';
import { KEY_EVENT_SCHEMAS } from './schemas';

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

describe('expiry notices (KeyExpiring, KeyExpired)', () => {
  const notice = (type: 'KeyExpiring' | 'KeyExpired', data: Record<string, unknown>) => ({
    ...valid,
    eventId: expiryNoticeEventId(type, valid.keyId, '2026-04-10T12:00:00.000Z', type === 'KeyExpiring' ? 14 : null),
    type,
    version: 2,
    data,
  });

  it('accepts a KeyExpiring and a KeyExpired, with an owner or none', () => {
    const expiring = notice('KeyExpiring', { thresholdDays: 14, expiresAt: '2026-04-10T12:00:00.000Z', owner: 'team:payments' });
    expect(parseKeyEvent(JSON.stringify(expiring))).toEqual(expiring);
    const expired = notice('KeyExpired', { expiresAt: '2026-04-10T12:00:00.000Z', owner: null });
    expect(parseKeyEvent(JSON.stringify(expired))).toEqual(expired);
  });

  it('refuses a threshold that is not a whole number of days from 1 to 365, and a notice without its expiry', () => {
    for (const thresholdDays of [0, 1.5, EXPIRY_NOTICE_MAX_DAYS + 1]) {
      expect(reasonOf(notice('KeyExpiring', { thresholdDays, expiresAt: '2026-04-10T12:00:00.000Z', owner: null }))).toBe('SCHEMA_VIOLATION');
    }
    expect(reasonOf(notice('KeyExpired', { owner: null }))).toBe('SCHEMA_VIOLATION');
    const data = KEY_EVENT_SCHEMAS['KeyExpiring.v1'].properties.data as { properties: { thresholdDays: { maximum: number } } };
    expect(data.properties.thresholdDays.maximum).toBe(EXPIRY_NOTICE_MAX_DAYS);
  });

  it('gives one notice one eventId, a UUID, and another notice another', () => {
    const id = expiryNoticeEventId('KeyExpiring', valid.keyId, '2026-04-10T12:00:00Z', 14);
    expect(id).toBe(expiryNoticeEventId('KeyExpiring', valid.keyId, '2026-04-10T12:00:00.000Z', 14));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const others = [
      expiryNoticeEventId('KeyExpiring', valid.keyId, '2026-04-10T12:00:00Z', 1),
      expiryNoticeEventId('KeyExpiring', valid.keyId, '2026-05-10T12:00:00Z', 14),
      expiryNoticeEventId('KeyExpired', valid.keyId, '2026-04-10T12:00:00Z', null),
      expiryNoticeEventId('KeyExpiring', 'ZyXwVuTs98765432', '2026-04-10T12:00:00Z', 14),
    ];
    expect(new Set([id, ...others]).size).toBe(5);
  });
});
