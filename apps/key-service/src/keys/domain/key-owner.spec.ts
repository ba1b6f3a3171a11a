import { envelopeEvent, KEY_EVENT_SCHEMAS, OWNER_PATTERN, type DecidedEvent, type KeyEvent } from '@pxxl/contracts';
import { deciderSpec } from '@pxxl/testing';
import { decide, DEFAULT_KEY_POLICY, evolve, fold, initialState, type ApiKeyState, type KeyCommand } from './api-key';
import { SYSTEM_GRANTOR } from './grant-rules';

const NOW = new Date('2026-01-10T12:00:00.000Z');
const KEY_ID = 'AbCdEfGh12345678';
const HASH = '$2b$10$' + 'a'.repeat(53);
const spec = deciderSpec<KeyCommand, KeyEvent, DecidedEvent, ApiKeyState>({ decide, evolve, initialState });
const stored = (decided: DecidedEvent, version: number, occurredAt = NOW.toISOString()): KeyEvent =>
  envelopeEvent(decided, { eventId: `00000000-0000-4000-8000-00000000000${version}`, keyId: KEY_ID, workspaceId: 'acme', version, occurredAt, actor: 'system' });

const created: DecidedEvent = {
  type: 'KeyCreated',
  data: { name: 'Payments bot', description: null, scopes: ['usage:read'], expiresAt: '2026-02-09T12:00:00.000Z', secretHash: HASH, displayPrefix: `pxxl_${KEY_ID}_abcd` },
};
const create = (owner?: string | null, requireOwner = false): KeyCommand => ({
  type: 'CreateKey',
  keyId: KEY_ID,
  workspaceId: 'acme',
  name: 'Payments bot',
  scopes: ['usage:read'],
  expiresAt: '2026-02-09T12:00:00.000Z',
  secretHash: HASH,
  displayPrefix: `pxxl_${KEY_ID}_abcd`,
  now: NOW,
  grantor: SYSTEM_GRANTOR,
  policy: { ...DEFAULT_KEY_POLICY, requireOwner },
  owner,
});
const ownerChanged = (owner: string | null, previousOwner: string | null): DecidedEvent => ({ type: 'KeyOwnerChanged', data: { owner, previousOwner } });
const rotated: DecidedEvent = { type: 'KeyRotated', data: { secretHash: HASH, displayPrefix: `pxxl_${KEY_ID}_wxyz`, gracePeriodSeconds: 0, previousSecretValidUntil: null } };

describe('key owners', () => {
  it('records the owner a key is created with as KeyOwnerChanged in the same append, without making it due', () => {
    spec.given([]).when(create('team:payments')).then([created, ownerChanged('team:payments', null)]);
    expect(fold([stored(created, 1), stored(ownerChanged('team:payments', null), 2)])).toMatchObject({ owner: 'team:payments', rotationDue: null });
  });

  it('refuses a key without owner where the policy requires one (OWNER_REQUIRED), and a malformed handle (INVALID_OWNER)', () => {
    spec.given([]).when(create(undefined, true)).thenThrows('OWNER_REQUIRED');
    spec.given([]).when(create(null, true)).thenThrows('OWNER_REQUIRED');
    for (const owner of ['payments', 'group:payments', 'team:Payments', 'team:', 'team:-x', `team:${'a'.repeat(64)}`]) {
      spec.given([]).when(create(owner)).thenThrows('INVALID_OWNER');
    }
    spec.given([]).when(create(`service:${'a'.repeat(63)}`)).then([created, ownerChanged(`service:${'a'.repeat(63)}`, null)]);
  });

  it('changes the owner on update, naming the previous one; the same owner again is no event', () => {
    const history = [stored(created, 1), stored(ownerChanged('team:payments', null), 2)];
    spec.given(history).when({ type: 'UpdateKey', owner: 'user:alice' }).then([ownerChanged('user:alice', 'team:payments')]);
    spec.given(history).when({ type: 'UpdateKey', owner: 'team:payments' }).then([]);
    spec.given(history).when({ type: 'UpdateKey', owner: null, policy: { ...DEFAULT_KEY_POLICY, requireOwner: true } }).thenThrows('OWNER_REQUIRED');
    spec.given([stored(created, 1)]).when({ type: 'UpdateKey', owner: 'team:payments' }).then([ownerChanged('team:payments', null)]);
  });

  it('makes a change of hands rotation due since the first change, until a rotation', () => {
    const later = '2026-01-11T08:00:00.000Z';
    const handedOver = [stored(created, 1), stored(ownerChanged('team:payments', null), 2), stored(ownerChanged('team:billing', 'team:payments'), 3)];
    expect(fold(handedOver)).toMatchObject({ owner: 'team:billing', rotationDue: { reason: 'OWNER_CHANGED', since: NOW.toISOString() } });
    const again = [...handedOver, stored(ownerChanged(null, 'team:billing'), 4, later)];
    expect(fold(again)).toMatchObject({ owner: null, rotationDue: { since: NOW.toISOString() } });
    expect(fold([...again, stored(rotated, 5, later)])).toMatchObject({ rotationDue: null });
  });

  it('uses one handle syntax in the domain and in the published event schema', () => {
    const data = KEY_EVENT_SCHEMAS['KeyOwnerChanged.v1'].properties.data as { properties: Record<string, { pattern: string }> };
    const schema = data.properties.owner;
    expect(schema.pattern).toBe(OWNER_PATTERN.source);
  });
});
