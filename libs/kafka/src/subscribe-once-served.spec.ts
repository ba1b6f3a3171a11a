import { subscribeOnceServed } from './subscribe-once-served';

const notHosted = Object.assign(new Error('This server does not host this topic-partition'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' });

function consumerFailing(failures: Error[]) {
  let calls = 0;
  return {
    calls: () => calls,
    subscribe: async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
    },
  };
}

describe('subscribeOnceServed', () => {
  it('asks again while the broker has not heard of the new topic, then subscribes', async () => {
    const consumer = consumerFailing([notHosted, notHosted]);
    await subscribeOnceServed(consumer, { topic: 'keys', fromBeginning: true }, { pauseMs: 1 });
    expect(consumer.calls()).toBe(3);
  });

  it('gives up on the same answer once the time is over', async () => {
    const consumer = consumerFailing(Array.from({ length: 1000 }, () => notHosted));
    await expect(subscribeOnceServed(consumer, { topic: 'keys', fromBeginning: true }, { timeoutMs: 20, pauseMs: 5 })).rejects.toThrow('does not host');
  });

  it('throws any other error at once', async () => {
    const consumer = consumerFailing([Object.assign(new Error('Not authorized to access topics'), { type: 'TOPIC_AUTHORIZATION_FAILED' })]);
    await expect(subscribeOnceServed(consumer, { topic: 'keys', fromBeginning: true }, { pauseMs: 1 })).rejects.toThrow('Not authorized');
    expect(consumer.calls()).toBe(1);
  });
});
