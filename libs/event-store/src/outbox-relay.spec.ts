import type { KafkaClient } from '@pxxl/kafka';
import { OutboxRelay, type Outbox } from './outbox-relay';

interface Item {
  id: string;
}

/** An outbox held in memory, and a broker that fails the first `failures` sends. */
function relayOver(stored: string[], { failures = 0, inTopicOrder }: { failures?: number; inTopicOrder?: Outbox<Item>['inTopicOrder'] } = {}) {
  const unpublished = new Set(stored);
  const topic: string[] = [];
  let sends = 0;
  const acks: string[] = [];
  const kafka = {
    topic: 'keys',
    sendAcknowledged: async (name: string, messages: Array<{ value: string }>) => {
      acks.push(name);
      if (sends++ < failures) throw new Error('This server is not the leader for that topic-partition');
      topic.push(...messages.map((m) => m.value));
    },
  } as unknown as KafkaClient;
  const outbox: Outbox<Item> = {
    name: 'TestOutbox',
    idOf: (item) => item.id,
    unpublished: async () => [...unpublished].map((id) => ({ id })),
    message: (item) => ({ value: item.id }),
    markPublished: async (items) => items.forEach((item) => unpublished.delete(item.id)),
    inTopicOrder,
  };
  const relay = new OutboxRelay(outbox, kafka, { sweepIntervalMs: 60_000, sweepMinAgeMs: 5000 });
  return { relay, outbox, topic, unpublished, sends: () => sends, acks };
}

describe('OutboxRelay: the one relay both outboxes use', () => {
  it('publishes at once, answers when the items are on the topic, then marks them', async () => {
    const { relay, topic, unpublished } = relayOver(['a', 'b']);
    await relay.publish([{ id: 'a' }, { id: 'b' }]);
    expect(topic).toEqual(['a', 'b']);
    await relay.onApplicationShutdown();
    expect(unpublished.size).toBe(0);
  });

  it('retries a failed send with backoff until it is on the topic', async () => {
    const { relay, topic, sends } = relayOver(['a'], { failures: 2 });
    await relay.publish([{ id: 'a' }]);
    expect([topic, sends()]).toEqual([['a'], 3]);
    await relay.onApplicationShutdown();
  });

  it('holds back later publishes while a send fails on a leader change, so a key keeps its order', async () => {
    const { relay, topic, acks } = relayOver([], { failures: 3 });
    const first = relay.publish([{ id: 'k:1' }]);
    const second = relay.publish([{ id: 'k:2' }]);
    const third = relay.publish([{ id: 'k:3' }]);
    await Promise.all([first, second, third]);
    expect(topic).toEqual(['k:1', 'k:2', 'k:3']);
    // Every attempt goes through the client's acknowledged send (acks=-1, one request per partition).
    expect(new Set(acks)).toEqual(new Set(['keys']));
    await relay.onApplicationShutdown();
  });

  it('sweeps what a crash left unpublished, and does not queue again what is being published', async () => {
    const { relay, topic } = relayOver(['a', 'b']);
    const publishing = relay.publish([{ id: 'a' }]);
    expect(await relay.sweep(0)).toBe(2);
    await publishing;
    await relay.onApplicationShutdown();
    expect(topic.sort()).toEqual(['a', 'b']);
  });

  it('never starts a sweep while one is still reading the store', async () => {
    const { relay, outbox } = relayOver(['a']);
    let release!: () => void;
    const slowStore = new Promise<void>((resolve) => (release = resolve));
    let reads = 0;
    const read = outbox.unpublished;
    outbox.unpublished = async (minAgeMs) => {
      reads++;
      await slowStore;
      return read(minAgeMs);
    };
    const sweeps = [relay.sweep(0), relay.sweep(5000), relay.sweep(5000)];
    release();
    expect([await Promise.all(sweeps), reads]).toEqual([[1, 1, 1], 1]);
    await relay.sweep(0); // the next tick, once the first is over, reads again
    expect(reads).toBe(2);
    await relay.onApplicationShutdown();
  });

  it('sends a batch in the order the outbox asks for', async () => {
    const { relay, topic } = relayOver([], { inTopicOrder: async (batch) => [{ id: 'before' }, ...batch] });
    await relay.publish([{ id: 'a' }]);
    expect(topic).toEqual(['before', 'a']);
    await relay.onApplicationShutdown();
  });
});

describe('OutboxRelay backlog (pxxl_keys_outbox_* metrics)', () => {
  it('counts what waits, how long the oldest has waited and the failed sends, and is empty once drained', async () => {
    const { relay } = relayOver(['a'], { failures: 1 });
    const sent = relay.publish([{ id: 'a' }]);
    expect(relay.backlog(Date.now() + 1500)).toMatchObject({ unpublished: 1 });
    expect(relay.backlog(Date.now() + 1500).oldestAgeMs).toBeGreaterThanOrEqual(1400);
    await sent;
    await relay.onApplicationShutdown();
    expect(relay.backlog()).toEqual({ unpublished: 0, oldestAgeMs: 0, failedSends: 1 });
  });
});
