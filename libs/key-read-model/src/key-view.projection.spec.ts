import { envelopeEvent, type DecidedEvent, type KeyEvent } from '@pxxl/contracts';
import type { KeyView } from './key-view.schema';
import { project, type ProjectionOp } from './key-view.projection';

const KEY_ID = 'AbCdEfGh12345678';
const HASH_1 = '$2b$10$' + '1'.repeat(53);
const HASH_2 = '$2b$10$' + '2'.repeat(53);

function event(decided: DecidedEvent, version: number, at = '2026-01-10T12:00:00.000Z'): KeyEvent {
  return envelopeEvent(decided, { eventId: `e-${version}`, keyId: KEY_ID, workspaceId: 'acme', version, occurredAt: at, actor: 'key:AdminAdminAdmin1' });
}

const created = event(
  {
    type: 'KeyCreated',
    data: { name: 'CDN uploader', description: null, scopes: ['cdn:upload'], expiresAt: '2026-03-01T00:00:00.000Z', secretHash: HASH_1, displayPrefix: `pxxl_${KEY_ID}_abcd` },
  },
  1,
);

/** Applies ops the way the writer does, to an in-memory view, to check replay safety of the pure rules. */
function applyAll(events: KeyEvent[], start: KeyView | null = null): KeyView | null {
  return events.reduce<KeyView | null>((view, e) => {
    const op: ProjectionOp = project(e, view);
    if (op.kind === 'insert') return view ?? op.view;
    if (op.kind === 'update') return { ...(view as KeyView), ...op.set };
    return view;
  }, start);
}

describe('key view projection', () => {
  it('inserts a view for KeyCreated with status active and the creator', () => {
    expect(project(created, null)).toMatchObject({
      kind: 'insert',
      view: { _id: KEY_ID, status: 'active', secretHash: HASH_1, createdBy: 'key:AdminAdminAdmin1', version: 1, lastUsedAt: null },
    });
  });

  it('keeps the old hash through a rotation grace period, and drops it on revocation', () => {
    const rotated = event(
      { type: 'KeyRotated', data: { secretHash: HASH_2, displayPrefix: `pxxl_${KEY_ID}_wxyz`, gracePeriodSeconds: 3600, previousSecretValidUntil: '2026-01-10T13:00:00.000Z' } },
      2,
    );
    const afterRotation = applyAll([created, rotated]);
    expect(afterRotation).toMatchObject({ secretHash: HASH_2, previousSecretHash: HASH_1, version: 2 });
    const revoked = event({ type: 'KeyRevoked', data: { reason: 'leaked' } }, 3);
    expect(applyAll([revoked], afterRotation)).toMatchObject({ status: 'revoked', revokedReason: 'leaked', previousSecretHash: null, version: 3 });
  });

  it('skips a duplicate and reports a gap instead of applying out of order', () => {
    const view = applyAll([created]);
    const updated = event({ type: 'KeyUpdated', data: { name: 'Renamed' } }, 2);
    const afterUpdate = applyAll([updated], view);
    expect(project(updated, afterUpdate)).toEqual({ kind: 'skip', reason: 'duplicate' });
    expect(project(event({ type: 'KeyRevoked', data: { reason: null } }, 5), afterUpdate)).toEqual({ kind: 'skip', reason: 'gap' });
  });

  it('changes nothing when the whole stream is replayed', () => {
    const stream = [
      created,
      event({ type: 'KeyUpdated', data: { description: 'owned by SRE' } }, 2),
      event({ type: 'KeyRotated', data: { secretHash: HASH_2, displayPrefix: `pxxl_${KEY_ID}_wxyz`, gracePeriodSeconds: 0, previousSecretValidUntil: null } }, 3),
    ];
    const once = applyAll(stream);
    expect(applyAll(stream, once)).toEqual(once);
  });
});
