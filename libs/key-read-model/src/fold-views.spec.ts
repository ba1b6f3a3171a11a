import { envelopeEvent, type DecidedEvent, type KeyEvent } from '@pxxl/contracts';
import { foldViews, inVersionOrder, ViewFolder } from './fold-views';
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

describe('ViewFolder', () => {
  const A = 'AAAAAAAAAAAAAAA1';
  const B = 'AAAAAAAAAAAAAAA2';
  const log = [
    created(A),
    created(B),
    event(A, 2, { type: 'KeyUpdated', data: { name: 'renamed' } }),
    event(B, 2, { type: 'KeyUpdated', data: { name: 'b renamed' } }),
    event(A, 3, { type: 'KeyRevoked', data: { reason: 'gone' } }),
  ];
  const fold = (events: KeyEvent[]) => {
    const folder = new ViewFolder();
    for (const e of events) folder.add(e);
    return folder;
  };
  const all = (folder: ViewFolder) => [...folder.takeFinal(), ...folder.takeRest()].sort((x, y) => x._id.localeCompare(y._id));
  const digest = (folder: ViewFolder) => {
    const d = new ViewDigest();
    for (const view of all(folder)) d.add(view);
    return d.hex();
  };

  it('folds interleaved keys to the same views as the sorted fold', async () => {
    const sorted = new ViewDigest();
    for (const view of await collect([...log].sort((x, y) => x.keyId.localeCompare(y.keyId) || x.version - y.version))) sorted.add(view);
    expect(digest(fold(log))).toBe(sorted.hex());
    expect(fold(log).size).toBe(2);
  });

  it('holds an event that comes before its predecessor, and ignores repeats', () => {
    const shuffled = [log[4], log[2], log[3], log[0], log[1], log[0], log[2]];
    const folder = fold(shuffled);
    expect(folder.stranded).toBe(0);
    const views = all(folder);
    expect(views.find((v) => v._id === A)).toMatchObject({ version: 3, status: 'revoked', name: 'renamed' });
    const d = new ViewDigest();
    for (const view of views) d.add(view);
    expect(d.hex()).toBe(digest(fold(log)));
  });

  it('counts events stranded behind a gap instead of applying them', () => {
    const folder = fold([created(A), log[4]]);
    expect(folder.stranded).toBe(1);
    expect(all(folder)[0]).toMatchObject({ version: 1, status: 'active' });
  });

  it('hands out a revoked view as soon as it is final, and each view once', () => {
    const folder = new ViewFolder();
    for (const e of log.slice(0, 4)) folder.add(e);
    expect(folder.takeFinal()).toEqual([]);
    folder.add(log[4]);
    expect(folder.takeFinal().map((v) => [v._id, v.status])).toEqual([[A, 'revoked']]);
    expect(folder.takeFinal()).toEqual([]);
    expect(folder.takeRest().map((v) => v._id)).toEqual([B]);
    expect(folder.takeRest()).toEqual([]);
    expect(folder.changedAfterTaken()).toEqual([]);
  });

  it('reports a taken view that a later event changed, as it is now', () => {
    const folder = fold(log);
    folder.takeFinal();
    folder.add(event(A, 4, { type: 'KeyUpdated', data: { name: 'after revocation' } }));
    expect(folder.changedAfterTaken().map((v) => [v._id, v.version, v.name])).toEqual([[A, 4, 'after revocation']]);
    expect(folder.takeRest().map((v) => v._id)).toEqual([B]);
  });
});
