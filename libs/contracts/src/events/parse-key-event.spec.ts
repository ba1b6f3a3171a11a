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

  it('rejects an event that violates its schema, such as one carrying a plaintext token', () => {
    expect(reasonOf({ ...valid, data: { ...valid.data, token: 'pxxl_x' } })).toBe('SCHEMA_VIOLATION');
    expect(reasonOf({ ...valid, version: 0 })).toBe('SCHEMA_VIOLATION');
  });
});
