export * from './kafka.client';
export * from './kafka.module';
export * from './key-event-consumer';
export * from './kafka-log';
export * from './topic-message';
export * from './topic-replication';
