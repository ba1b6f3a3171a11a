import { topicReplication } from './topic-replication';

describe('topicReplication', () => {
  it.each([
    [1, 1, 1],
    [2, 2, 1],
    [3, 3, 2],
    [5, 3, 2],
  ])('on %i brokers keeps %i copies and acknowledges a write on %i', (brokers, replicationFactor, minInsyncReplicas) => {
    expect(topicReplication(brokers)).toEqual({ replicationFactor, minInsyncReplicas });
  });
});
