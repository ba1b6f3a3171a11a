// First: fixes kafkajs's idle spin before any client of the apps connects (see the file).
// kafkajs-request-queue.patch.ts is kept, with its spec, but not applied: with it the cluster fault
// test saw revocations cross one second during a rolling restart (docs/operations.md, "Idle").
export * from './kafka.client';
export * from './kafka.module';
export * from './key-event-consumer';
export * from './kafka-log';
export * from './topic-message';
export * from './consumer-lag';
export * from './kafka-connection';
export * from './topic-replication';
