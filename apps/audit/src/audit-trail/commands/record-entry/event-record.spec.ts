import { hashRecord, sealRecord, GENESIS_HASH } from '@pxxl/audit-trail';
import type { KeyEvent } from '@pxxl/contracts';
import { summarize } from '../../domain/audit-entry';
import { toAuditEntry } from '../../infrastructure/mongo-audit-entry-store';
import { toAuditRecord } from './event-record';

const HASH = '$2b$10$' + 'h'.repeat(53);
const envelope = { eventId: '9b2f7f2e-3c1a-4c9e-9a57-1f1d2c3b4a59', keyId: 'AbCdEfGh12345678', workspaceId: 'acme', occurredAt: '2026-01-10T12:00:00.000Z', actor: 'system', schemaVersion: 1 as const };
const created: KeyEvent = {
  ...envelope,
  type: 'KeyCreated',
  version: 1,
  data: { name: 'CDN uploader', description: null, scopes: ['cdn:upload', 'cdn:read'], expiresAt: null, secretHash: HASH, displayPrefix: 'pxxl_AbCdEfGh12345678_abcd' },
};
const rotated: KeyEvent = {
  ...envelope,
  type: 'KeyRotated',
  version: 2,
  data: { secretHash: HASH, displayPrefix: 'pxxl_AbCdEfGh12345678_wxyz', gracePeriodSeconds: 3600, previousSecretValidUntil: '2026-01-10T13:00:00.000Z' },
};
const context = { nameBefore: null, recordedAt: new Date('2026-01-10T12:00:01Z'), partition: 2, offset: '41' };

describe('audit entries', () => {
  it('summarise each event for a reviewer', () => {
    expect(summarize(created)).toBe('created "CDN uploader"; scopes granted: cdn:upload, cdn:read; expires never');
    expect(summarize(rotated)).toContain('rotated, grace 1 h');
    expect(summarize({ ...envelope, type: 'KeyRevoked', version: 3, data: { reason: 'leaked' } })).toBe('revoked: leaked');
    expect(summarize({ ...envelope, type: 'KeyUpdated', version: 3, data: { name: 'x', description: null } })).toBe('renamed to "x"; description cleared');
  });

  it('summarise an expiry notice with its threshold, the expiry and the owner to tell', () => {
    const expiresAt = '2026-02-01T00:00:00.000Z';
    expect(summarize({ ...envelope, type: 'KeyExpiring', version: 3, actor: 'system', data: { thresholdDays: 14, expiresAt, owner: 'team:payments' } })).toBe(
      `expiry notice: expires within 14 days, at ${expiresAt}; owner team:payments`,
    );
    expect(summarize({ ...envelope, type: 'KeyExpiring', version: 4, actor: 'system', data: { thresholdDays: 1, expiresAt, owner: null } })).toBe(
      `expiry notice: expires within 1 day, at ${expiresAt}; owner none`,
    );
    expect(summarize({ ...envelope, type: 'KeyExpired', version: 5, actor: 'system', data: { expiresAt, owner: 'team:payments' } })).toBe(`expired at ${expiresAt}; owner team:payments`);
  });

  it('never carry the secret hash', () => {
    for (const event of [created, rotated]) expect(JSON.stringify(toAuditRecord(event, context))).not.toContain(HASH);
  });

  it('name the key as it was at the time of the event', () => {
    expect(toAuditRecord(rotated, { ...context, nameBefore: 'CDN uploader' }).keyName).toBe('CDN uploader');
    expect(toAuditRecord(rotated, context).keyName).toBe('(unknown)');
  });

  it('store as a document that hashes exactly like its sealed record', () => {
    const record = sealRecord(toAuditRecord(created, context), { seq: 1, prevHash: GENESIS_HASH });
    const entry = toAuditEntry(record);
    expect(entry).toMatchObject({ _id: created.eventId, seq: 1, occurredAt: new Date(created.occurredAt) });
    expect(hashRecord(entry)).toBe(record.hash);
  });
});
