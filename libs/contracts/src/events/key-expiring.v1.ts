import { createHash } from 'node:crypto';
import type { EventEnvelope } from './envelope';

/** The largest notice threshold, in days: the KeyExpiring schema's bound (schemas.ts imports nothing, so it repeats it). */
export const EXPIRY_NOTICE_MAX_DAYS = 365;

export interface KeyExpiringV1Data {
  /** The notice threshold crossed: the key expires within this many days (the workspace policy's expiryNoticeDays). */
  thresholdDays: number;
  /** The key's expiry the notice is about (its current one when it was decided). */
  expiresAt: string;
  /** Who to tell: the key's owner handle (`team:payments`, …), or null when it has none. */
  owner: string | null;
}

/**
 * A notice, decided by the key service's expiry scheduler (actor `system`):
 * the key will expire within `thresholdDays`. Part of the key's stream (it
 * takes a version), once per key, expiry and threshold.
 */
export type KeyExpiringV1 = EventEnvelope<'KeyExpiring', 1, KeyExpiringV1Data>;

/**
 * The eventId of an expiry notice, derived from what the notice is about
 * (an RFC 4122 version 5 UUID of `<type>:<keyId>:<expiresAt>:<thresholdDays>`):
 * the same notice has the same id wherever and however often it is decided,
 * so a consumer deduping by eventId can never count it twice.
 */
export function expiryNoticeEventId(type: 'KeyExpiring' | 'KeyExpired', keyId: string, expiresAt: string, thresholdDays: number | null): string {
  const bytes = createHash('sha1')
    .update(EXPIRY_NOTICE_NAMESPACE)
    .update(`${type}:${keyId}:${new Date(expiresAt).toISOString()}:${thresholdDays ?? ''}`)
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The namespace of expiry-notice ids (bytes of a fixed random UUID). */
const EXPIRY_NOTICE_NAMESPACE = Buffer.from('5b1e0f5c7a0d4c3e9f2a6d8b1c4e7a90', 'hex');
