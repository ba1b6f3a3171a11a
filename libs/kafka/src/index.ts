export * from './kafka.client';
export * from './kafka.module';
export * from './key-event-consumer';
export * from './kafka-log';
export * from './topic-message';
export * from './consumer-lag';
export * from './kafka-connection';
export * from './topic-replication';
