import { envelopeEvent, type DecidedEvent, type KeyEvent } from '@pxxl/contracts';
import { deciderSpec } from '@pxxl/testing';
import { decide, evolve, initialState, type ApiKeyState, type KeyCommand } from './api-key';
import { DEFAULT_EXPIRY_NOTICE_DAYS, dueNotice, expiryNoticeDaysOf, ownerOf } from './expiry-notices';

const KEY_ID = 'AbCdEfGh12345678';
const HASH = '$2b$10$' + 'a'.repeat(53);
const CREATED_AT = '2026-01-01T00:00:00.000Z';
const EXPIRES_AT = '2026-01-31T00:00:00.000Z';
const DAY = 24 * 3600 * 1000;
const daysBeforeExpiry = (days: number) => new Date(Date.parse(EXPIRES_AT) - days * DAY);

const spec = deciderSpec<KeyCommand, KeyEvent, DecidedEvent, ApiKeyState>({ decide, evolve, initialState });

let version = 0;
function stored(decided: DecidedEvent, occurredAt = CREATED_AT): KeyEvent {
  version++;
  return envelopeEvent(decided, { eventId: `00000000-0000-4000-8000-${String(version).padStart(12, '0')}`, keyId: KEY_ID, workspaceId: 'acme', version, occurredAt, actor: 'system' });
}

function createdEvent(expiresAt: string | null = EXPIRES_AT, at = CREATED_AT): KeyEvent {
  version = 0;
  return stored(
    { type: 'KeyCreated', data: { name: 'deploy bot', description: null, scopes: ['deployments:read'], expiresAt, secretHash: HASH, displayPrefix: `pxxl_${KEY_ID}_abcd` } },
    at,
  );
}

const notice = (now: Date, thresholdDays: readonly number[] = DEFAULT_EXPIRY_NOTICE_DAYS): KeyCommand => ({ type: 'NoticeExpiry', thresholdDays, now });
const expiring = (thresholdDays: number, expiresAt = EXPIRES_AT): DecidedEvent => ({ type: 'KeyExpiring', data: { thresholdDays, expiresAt, owner: null } });
const expired: DecidedEvent = { type: 'KeyExpired', data: { expiresAt: EXPIRES_AT, owner: null } };

describe('expiry notices (NoticeExpiry on the key decider)', () => {
  it('decides nothing before the first threshold', () => {
    spec.given([createdEvent()]).when(notice(daysBeforeExpiry(15))).then([]);
  });

  it('notices 14 days, then 1 day before the expiry, then the expiry itself', () => {
    const created = createdEvent();
    spec.given([created]).when(notice(daysBeforeExpiry(14))).then([expiring(14)]);
    const after14 = stored(expiring(14));
    spec.given([created, after14]).when(notice(daysBeforeExpiry(1))).then([expiring(1)]);
    const after1 = stored(expiring(1));
    spec.given([created, after14, after1]).when(notice(new Date(EXPIRES_AT))).then([expired]);
  });

  it('refuses a second KeyExpiring for a threshold it noticed, and a second KeyExpired', () => {
    const created = createdEvent();
    const after14 = stored(expiring(14));
    spec.given([created, after14]).when(notice(daysBeforeExpiry(13))).then([]);
    spec.given([created, after14]).when(notice(daysBeforeExpiry(2))).then([]);
    const gone = stored(expired);
    spec.given([created, after14, gone]).when(notice(new Date(Date.parse(EXPIRES_AT) + DAY))).then([]);
  });

  it('gives no notice to a revoked or deleted key, before or after its expiry', () => {
    const created = createdEvent();
    const revoked = stored({ type: 'KeyRevoked', data: { reason: 'deleted' } });
    spec.given([created, revoked]).when(notice(daysBeforeExpiry(14))).then([]);
    spec.given([created, revoked]).when(notice(new Date(EXPIRES_AT))).then([]);
  });

  it('keeps noticing a rotated key: a rotation keeps the expiry, and thresholds follow the current expiry', () => {
    const created = createdEvent();
    const rotated = stored({ type: 'KeyRotated', data: { secretHash: HASH, displayPrefix: `pxxl_${KEY_ID}_wxyz`, gracePeriodSeconds: 0, previousSecretValidUntil: null } });
    spec.given([created, rotated]).when(notice(daysBeforeExpiry(14))).then([expiring(14)]);
  });

  it('counts no notice about another expiry than the current one', () => {
    // A notice recorded for an expiry the key no longer has (one an expiry change would leave behind).
    const created = createdEvent();
    const stale = stored(expiring(14, '2026-01-20T00:00:00.000Z'));
    spec.given([created, stale]).when(notice(daysBeforeExpiry(14))).then([expiring(14)]);
  });

  it('gives one notice, the nearest threshold, when several were crossed while no scheduler ran', () => {
    spec.given([createdEvent()]).when(notice(daysBeforeExpiry(0.5))).then([expiring(1)]);
    const created = createdEvent();
    spec.given([created, stored(expiring(1))]).when(notice(daysBeforeExpiry(0.4))).then([]);
  });

  it('only KeyExpired for a key whose expiry passed while no scheduler ran', () => {
    spec.given([createdEvent()]).when(notice(new Date(Date.parse(EXPIRES_AT) + 3 * DAY))).then([expired]);
  });

  it('does not count a threshold the key was created behind as crossed', () => {
    // Created 10 days before its expiry: no 14-day notice, the 1-day one in time.
    const created = createdEvent(EXPIRES_AT, daysBeforeExpiry(10).toISOString());
    spec.given([created]).when(notice(daysBeforeExpiry(9))).then([]);
    spec.given([created]).when(notice(daysBeforeExpiry(1))).then([expiring(1)]);
  });

  it('never notices a key that never expires', () => {
    spec.given([createdEvent(null)]).when(notice(new Date('2030-01-01T00:00:00Z'))).then([]);
  });

  it('uses the workspace’s thresholds, and adds none retroactively after a nearer one was noticed', () => {
    const created = createdEvent();
    spec.given([created]).when(notice(daysBeforeExpiry(7), [7])).then([expiring(7)]);
    spec.given([created, stored(expiring(7))]).when(notice(daysBeforeExpiry(6.9), [30, 14, 7])).then([]);
  });

  it('refuses a notice for a key that does not exist', () => {
    spec.given([]).when(notice(daysBeforeExpiry(1))).thenThrows('KEY_NOT_FOUND');
  });
});

describe('expiry notice inputs', () => {
  it('reads the thresholds from the policy’s expiryNoticeDays, else 14 and 1 days', () => {
    expect(expiryNoticeDaysOf({ maxLifetimeDays: 365 })).toEqual([14, 1]);
    expect(expiryNoticeDaysOf({ expiryNoticeDays: [1, 30, 7, 7] })).toEqual([30, 7, 1]);
    expect(expiryNoticeDaysOf({ expiryNoticeDays: [] })).toEqual([]);
    expect(expiryNoticeDaysOf({ expiryNoticeDays: [0, 2.5, 400, 3] })).toEqual([3]);
  });

  it('reads the owner when the state has one', () => {
    expect(ownerOf({})).toBeNull();
    expect(ownerOf({ owner: 'team:payments' })).toBe('team:payments');
  });

  it('answers the same notice from a read-model view as from the stream', () => {
    const subject = { revoked: false, createdAt: CREATED_AT, expiresAt: EXPIRES_AT, noticedDays: [14], expiredNoticed: false };
    expect(dueNotice(subject, [14, 1], daysBeforeExpiry(3))).toBeNull();
    expect(dueNotice(subject, [14, 1], daysBeforeExpiry(1))).toEqual({ type: 'KeyExpiring', thresholdDays: 1 });
  });
});
