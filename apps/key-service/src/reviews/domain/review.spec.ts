import { keyActor, type ReviewedKeySnapshot, type ReviewEvent } from '@pxxl/contracts';
import { decideApplied, decideKey, decideOpen, decideSignOff, foldReview, type DecidedReviewEvent, type KeyProvenance } from './review';

const NOW = new Date('2026-12-01T10:00:00Z');
const REVIEWER = { keyId: 'RRRRRRRRRRRRRRRR', owner: 'team:security' };
const ADMIN = 'AAAAAAAAAAAAAAAA';

function key(keyId: string, overrides: Partial<ReviewedKeySnapshot> = {}): ReviewedKeySnapshot {
  return {
    keyId,
    name: `key ${keyId}`,
    owner: null,
    scopes: ['cdn:upload'],
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: keyActor(ADMIN),
    lastUsedAt: null,
    expiresAt: '2027-01-31T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

let version = 0;
function stored(decided: DecidedReviewEvent): ReviewEvent {
  version += 1;
  return { eventId: `00000000-0000-4000-8000-00000000000${version}`, type: decided.type, schemaVersion: 1, reviewId: 'VVVVVVVVVVVVVVVV', workspaceId: 'acme', version, occurredAt: NOW.toISOString(), actor: keyActor(REVIEWER.keyId), data: decided.data } as ReviewEvent;
}

function given(...decided: DecidedReviewEvent[]) {
  version = 0;
  return foldReview(decided.map(stored));
}

const opened = (keys: ReviewedKeySnapshot[]) => decideOpen({ type: 'OpenReview', title: 'Q4 2026', dueAt: '2026-12-31T00:00:00Z', owner: null, scope: null, now: NOW }, keys);
const byAdmin: KeyProvenance = { createdBy: keyActor(ADMIN), lastRotatedBy: null, ownerOfActor: new Map([[keyActor(ADMIN), 'team:platform']]), expiresAt: '2027-01-31T00:00:00.000Z' };
const decide = (keyId: string, decision: 'keep' | 'rotate' | 'revoke' | 'shorten-expiry' | 'reassign', extra: object = {}) => ({
  type: 'DecideKey' as const,
  keyId,
  decision,
  reviewer: REVIEWER,
  now: NOW,
  ...extra,
});

describe('review campaigns (decide/evolve)', () => {
  describe('open', () => {
    it('freezes the keys that match the owner and scope filters', () => {
      const keys = [key('K1'), key('K2', { scopes: ['cdn:upload:web'] }), key('K3', { scopes: ['billing:read'] }), key('K4', { owner: 'team:cdn' })];
      const event = decideOpen({ type: 'OpenReview', title: ' CDN keys ', dueAt: '2026-12-31T00:00:00Z', owner: null, scope: 'cdn:upload', now: NOW }, keys);
      expect(event.data.title).toBe('CDN keys');
      expect(event.data.keys.map((k) => k.keyId)).toEqual(['K1', 'K2', 'K4']);
      const owned = decideOpen({ type: 'OpenReview', title: 'CDN team', dueAt: '2026-12-31T00:00:00Z', owner: 'team:cdn', scope: null, now: NOW }, keys);
      expect(owned.data.keys.map((k) => k.keyId)).toEqual(['K4']);
    });

    it('rejects a due date in the past, an empty title and an unknown scope', () => {
      expect(() => decideOpen({ type: 'OpenReview', title: 'x', dueAt: '2026-11-01T00:00:00Z', owner: null, scope: null, now: NOW }, [])).toThrow(expect.objectContaining({ code: 'INVALID_REVIEW', details: expect.objectContaining({ field: 'dueAt' }) }));
      expect(() => decideOpen({ type: 'OpenReview', title: '  ', dueAt: '2026-12-31T00:00:00Z', owner: null, scope: null, now: NOW }, [])).toThrow(expect.objectContaining({ details: { field: 'title' } }));
      expect(() => decideOpen({ type: 'OpenReview', title: 'x', dueAt: '2026-12-31T00:00:00Z', owner: null, scope: 'nope:nope', now: NOW }, [])).toThrow(expect.objectContaining({ details: expect.objectContaining({ field: 'scope' }) }));
    });
  });

  describe('decide a key', () => {
    it('records keep with its justification and the reviewer', () => {
      const state = given(opened([key('K1')]));
      const [event] = decideKey(decide('K1', 'keep', { justification: 'deploys the CDN' }), state, byAdmin);
      expect(event).toEqual({ type: 'KeyReviewed', data: { keyId: 'K1', decision: 'keep', justification: 'deploys the CDN', expiresAt: null, owner: null, reviewer: REVIEWER } });
      expect(foldReview([stored(opened([key('K1')])), stored(event)]).items[0].decision).toMatchObject({ decision: 'keep' });
    });

    it('rejects keep without a justification', () => {
      expect(() => decideKey(decide('K1', 'keep'), given(opened([key('K1')])), byAdmin)).toThrow(expect.objectContaining({ code: 'INVALID_DECISION', details: { field: 'justification' } }));
    });

    it.each([
      ['created by the reviewer', { ...byAdmin, createdBy: keyActor(REVIEWER.keyId) }, 'created-by-reviewer'],
      ['last rotated by the reviewer', { ...byAdmin, lastRotatedBy: keyActor(REVIEWER.keyId) }, 'rotated-by-reviewer'],
      ['created by a key of the same owner', { ...byAdmin, ownerOfActor: new Map([[keyActor(ADMIN), 'team:security']]) }, 'same-owner'],
    ])('403 SELF_REVIEW: refuses keep on a key %s', (_name, provenance, reason) => {
      expect(() => decideKey(decide('K1', 'keep', { justification: 'fine' }), given(opened([key('K1')])), provenance)).toThrow(expect.objectContaining({ code: 'SELF_REVIEW', details: { keyId: 'K1', reason } }));
    });

    it('refuses keep on the reviewer’s own key, but lets it decide a change on it', () => {
      const state = given(opened([key(REVIEWER.keyId)]));
      expect(() => decideKey(decide(REVIEWER.keyId, 'keep', { justification: 'me' }), state, byAdmin)).toThrow(expect.objectContaining({ code: 'SELF_REVIEW' }));
      expect(decideKey(decide(REVIEWER.keyId, 'rotate'), state, { ...byAdmin, createdBy: keyActor(REVIEWER.keyId) })).toHaveLength(1);
    });

    it('takes shorten-expiry only to a future date before the current expiry, and reassign only with an owner', () => {
      const state = given(opened([key('K1')]));
      expect(decideKey(decide('K1', 'shorten-expiry', { expiresAt: '2026-12-15T00:00:00Z' }), state, byAdmin)[0].data.expiresAt).toBe('2026-12-15T00:00:00.000Z');
      expect(() => decideKey(decide('K1', 'shorten-expiry', { expiresAt: '2027-06-01T00:00:00Z' }), state, byAdmin)).toThrow(expect.objectContaining({ code: 'INVALID_DECISION' }));
      expect(() => decideKey(decide('K1', 'reassign'), state, byAdmin)).toThrow(expect.objectContaining({ details: { field: 'owner' } }));
      expect(() => decideKey(decide('K1', 'rotate', { owner: 'team:x' }), state, byAdmin)).toThrow(expect.objectContaining({ details: { field: 'owner' } }));
    });

    it('rejects a key outside the snapshot, and any decision once the change is applied or the review signed off', () => {
      const open = opened([key('K1')]);
      expect(() => decideKey(decide('K9', 'revoke'), given(open), byAdmin)).toThrow(expect.objectContaining({ code: 'KEY_NOT_IN_REVIEW' }));
      const revoke = decideKey(decide('K1', 'revoke'), given(open), byAdmin)[0];
      const applied = decideApplied(given(open, revoke), 'K1', { eventId: 'e', type: 'KeyRevoked', version: 2 });
      expect(() => decideKey(decide('K1', 'rotate'), given(open, revoke, applied), byAdmin)).toThrow(expect.objectContaining({ code: 'DECISION_ALREADY_APPLIED' }));
      const signed = decideSignOff(given(open, revoke, applied), REVIEWER, null);
      expect(() => decideKey(decide('K1', 'rotate'), given(open, revoke, applied, signed), byAdmin)).toThrow(expect.objectContaining({ code: 'REVIEW_SIGNED_OFF' }));
    });

    it('records nothing when the same decision is recorded again', () => {
      const open = opened([key('K1')]);
      const revoke = decideKey(decide('K1', 'revoke'), given(open), byAdmin)[0];
      expect(decideKey(decide('K1', 'revoke'), given(open, revoke), byAdmin)).toEqual([]);
    });
  });

  describe('sign off', () => {
    it('409 REVIEW_INCOMPLETE names the undecided keys and the changes not carried out', () => {
      const open = opened([key('K1'), key('K2'), key('K3')]);
      const keep = decideKey(decide('K1', 'keep', { justification: 'needed' }), given(open), byAdmin)[0];
      const rotate = decideKey(decide('K2', 'rotate'), given(open, keep), byAdmin)[0];
      expect(() => decideSignOff(given(open, keep, rotate), REVIEWER, null)).toThrow(
        expect.objectContaining({ code: 'REVIEW_INCOMPLETE', details: { undecided: ['K3'], notApplied: ['K2'] } }),
      );
    });

    it('signs off once every key is decided and every change applied, with the checkpoint', () => {
      const open = opened([key('K1'), key('K2')]);
      const keep = decideKey(decide('K1', 'keep', { justification: 'needed' }), given(open), byAdmin)[0];
      const rotate = decideKey(decide('K2', 'rotate'), given(open, keep), byAdmin)[0];
      const applied = decideApplied(given(open, keep, rotate), 'K2', { eventId: 'e', type: 'KeyRotated', version: 2 });
      const checkpoint = { size: 7, signedAt: NOW.toISOString(), note: 'pxxl/audit/acme\n7\n…' };
      const signed = decideSignOff(given(open, keep, rotate, applied), REVIEWER, checkpoint);
      expect(signed.data).toEqual({ by: REVIEWER, checkpoint, keysReviewed: 2 });
      const state = given(open, keep, rotate, applied, signed);
      expect(state.signOff).toMatchObject({ by: REVIEWER, checkpoint });
      expect(() => decideSignOff(state, REVIEWER, null)).toThrow(expect.objectContaining({ code: 'REVIEW_SIGNED_OFF' }));
    });
  });
});
