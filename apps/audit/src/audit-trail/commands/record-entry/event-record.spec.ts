import { hashRecord, sealRecord, GENESIS_HASH } from '@pxxl/audit-trail';
import type { KeyEvent, ReviewEvent } from '@pxxl/contracts';
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

const reviewEnvelope = { eventId: '3f1e9b20-7c4d-4a6b-9e2f-5d8c0a1b3e47', reviewId: 'Rv7Qm2xK9pLs4TbN', workspaceId: 'acme', occurredAt: '2026-12-01T10:00:00.000Z', actor: 'key:Sec0Reviewer0001', schemaVersion: 1 as const };
const reviewed: ReviewEvent = {
  ...reviewEnvelope,
  type: 'KeyReviewed',
  version: 2,
  data: { keyId: 'AbCdEfGh12345678', decision: 'keep', justification: 'uploads release assets', expiresAt: null, owner: null, reviewer: { keyId: 'Sec0Reviewer0001', owner: 'team:security' } },
};

describe('audit entries of review campaigns', () => {
  it('summarise each step, and file a decision under the reviewed key', () => {
    expect(summarize(reviewed)).toBe('reviewed in Rv7Qm2xK9pLs4TbN: keep by key Sec0Reviewer0001 (team:security): uploads release assets');
    expect(toAuditRecord(reviewed, { ...context, nameBefore: 'CDN uploader' })).toMatchObject({ keyId: 'AbCdEfGh12345678', keyName: 'CDN uploader', type: 'KeyReviewed' });
    const opened: ReviewEvent = { ...reviewEnvelope, type: 'ReviewOpened', version: 1, data: { title: 'Q4', dueAt: '2026-12-31T00:00:00.000Z', owner: null, scope: 'cdn:upload', keys: [] } };
    expect(summarize(opened)).toBe('review "Q4" opened (Rv7Qm2xK9pLs4TbN), due 2026-12-31T00:00:00.000Z; 0 keys in scope (scope cdn:upload)');
    expect(toAuditRecord(opened, context)).toMatchObject({ keyId: null, keyName: null });
    const signed: ReviewEvent = { ...reviewEnvelope, type: 'ReviewSignedOff', version: 4, data: { by: { keyId: 'Sec0Reviewer0001', owner: null }, checkpoint: null, keysReviewed: 1 } };
    expect(summarize(signed)).toBe('review Rv7Qm2xK9pLs4TbN signed off by key Sec0Reviewer0001 over 1 key; no audit checkpoint signed yet');
  });
});

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
