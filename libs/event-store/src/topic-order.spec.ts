import { streamIdOf, type KeyEvent, type StreamEvent } from '@pxxl/contracts';
import { inTopicOrder } from './topic-order';

const revoked = (keyId: string, version: number): KeyEvent => ({
  eventId: `${keyId}-${version}`,
  type: 'KeyRevoked',
  schemaVersion: 1,
  keyId,
  workspaceId: 'acme',
  version,
  occurredAt: '2026-01-01T00:00:00.000Z',
  actor: 'system',
  data: { reason: null },
});
const label = (event: StreamEvent) => `${streamIdOf(event)}:${event.version}`;

/** given(the store: published and unpublished events, and what this relay sent lately) / when(a batch) / then(topic order). */
function given(store: { unpublished?: StreamEvent[]; published?: StreamEvent[]; sentLately?: string[] }) {
  const unpublished = new Map((store.unpublished ?? []).map((e) => [label(e), e]));
  const lookups: string[] = [];
  return {
    when(batch: StreamEvent[]) {
      const run = inTopicOrder(batch, {
        unpublished: async (id) => {
          lookups.push(id);
          return unpublished.get(id) ?? null;
        },
        sentLately: (id) => (store.sentLately ?? []).includes(id),
      });
      return {
        async then(order: string[], lookedUp?: string[]) {
          expect((await run).map(label)).toEqual(order);
          if (lookedUp) expect(lookups).toEqual(lookedUp);
        },
      };
    },
  };
}

describe('inTopicOrder: version N-1 of a stream goes on the topic before N', () => {
  it('sends a batch whose predecessors are published as it is', async () => {
    await given({ published: [revoked('a', 1)] })
      .when([revoked('a', 2), revoked('b', 1)])
      .then(['a:2', 'b:1'], ['a:1']);
  });

  it('puts unpublished earlier versions (a crashed instance’s) before the event, oldest first', async () => {
    await given({ published: [revoked('a', 1)], unpublished: [revoked('a', 2), revoked('a', 3)] })
      .when([revoked('a', 4)])
      .then(['a:2', 'a:3', 'a:4'], ['a:3', 'a:2', 'a:1']);
  });

  it('looks up nothing before an event whose predecessor is in the batch or was sent lately', async () => {
    await given({ sentLately: ['b:4'] })
      .when([revoked('a', 1), revoked('a', 2), revoked('b', 5)])
      .then(['a:1', 'a:2', 'b:5'], []);
  });

  it('puts a predecessor that comes later in the batch first (a sweep queued it behind its successor)', async () => {
    await given({ unpublished: [revoked('a', 2), revoked('a', 3)], published: [revoked('a', 1)] })
      .when([revoked('a', 3), revoked('b', 1), revoked('a', 2)])
      .then(['a:2', 'a:3', 'b:1'], ['a:1']);
  });

  it('fills a gap inside the batch, looking back only to the version already placed', async () => {
    await given({ unpublished: [revoked('a', 2), revoked('a', 4)] })
      .when([revoked('a', 3), revoked('a', 5)])
      .then(['a:2', 'a:3', 'a:4', 'a:5'], ['a:2', 'a:1', 'a:4']);
  });

  it('orders a workspace policy stream like a key stream', async () => {
    const changed = (version: number): StreamEvent => ({
      eventId: `p-${version}`,
      type: 'WorkspacePolicyChanged',
      schemaVersion: 1,
      workspaceId: 'acme',
      version,
      occurredAt: '2026-01-01T00:00:00.000Z',
      actor: 'system',
      data: { maxLifetimeDays: 30, allowNonExpiring: false, maxGracePeriodSeconds: 0, scopeAllowList: null },
    });
    await given({ unpublished: [changed(1)] })
      .when([changed(2)])
      .then(['policy:acme:1', 'policy:acme:2'], ['policy:acme:1']);
  });
});
