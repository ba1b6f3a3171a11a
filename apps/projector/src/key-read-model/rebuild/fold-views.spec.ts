import { envelopeEvent, type DecidedEvent, type KeyEvent } from '@pxxl/contracts';
import { foldViews, inVersionOrder } from './fold-views';
import { ViewDigest } from './view-digest';

const HASH = '$2b$10$' + 'h'.repeat(53);

function event(keyId: string, version: number, decided: DecidedEvent): KeyEvent {
  return envelopeEvent(decided, { eventId: `${keyId}-${version}`, keyId, workspaceId: 'acme', version, occurredAt: '2026-01-01T00:00:00.000Z', actor: 'system' });
}

const created = (keyId: string) =>
  event(keyId, 1, { type: 'KeyCreated', data: { name: keyId, description: null, scopes: ['usage:read'], expiresAt: null, secretHash: HASH, displayPrefix: `pxxl_${keyId}_abcd` } });

async function collect(events: KeyEvent[]) {
  const views = [];
  for await (const view of foldViews((async function* () { yield* events; })())) views.push(view);
  return views;
}

describe('foldViews', () => {
  it('yields one view per key with every event applied', async () => {
    const views = await collect([
      created('AAAAAAAAAAAAAAA1'),
      event('AAAAAAAAAAAAAAA1', 2, { type: 'KeyRevoked', data: { reason: 'deleted' } }),
      created('AAAAAAAAAAAAAAA2'),
      event('AAAAAAAAAAAAAAA2', 2, { type: 'KeyUpdated', data: { name: 'renamed' } }),
    ]);
    expect(views.map((v) => [v._id, v.version, v.status, v.name])).toEqual([
      ['AAAAAAAAAAAAAAA1', 2, 'revoked', 'AAAAAAAAAAAAAAA1'],
      ['AAAAAAAAAAAAAAA2', 2, 'active', 'renamed'],
    ]);
  });

  it('ignores a duplicate in the log, as the live projector does', async () => {
    const once = await collect([created('AAAAAAAAAAAAAAA1')]);
    const twice = await collect([created('AAAAAAAAAAAAAAA1'), created('AAAAAAAAAAAAAAA1')]);
    const digest = (views: typeof once) => {
      const d = new ViewDigest();
      views.forEach((v) => d.add(v));
      return d.hex();
    };
    expect(digest(twice)).toBe(digest(once));
  });

  it('folds events read in _id order, where version 10 sorts before version 2', async () => {
    const key = 'AAAAAAAAAAAAAAA3';
    const renames = Array.from({ length: 11 }, (_, i) => event(key, i + 2, { type: 'KeyUpdated', data: { name: `name ${i + 2}` } }));
    const inIdOrder = [created(key), ...renames].sort((a, b) => `${a.keyId}:${a.version}`.localeCompare(`${b.keyId}:${b.version}`));
    expect(inIdOrder.map((e) => e.version).slice(0, 3)).toEqual([1, 10, 11]);
    const views = [];
    for await (const view of foldViews(inVersionOrder((async function* () { yield* inIdOrder; })()))) views.push(view);
    expect(views.map((v) => [v.version, v.name])).toEqual([[12, 'name 12']]);
  });
});
