// First: fixes kafkajs's idle spin before any client of the apps connects (see the file).
export * from './kafkajs-request-queue.patch';
export * from './kafka.client';
export * from './kafka.module';
export * from './key-event-consumer';
export * from './kafka-log';
export * from './topic-message';
export * from './consumer-lag';
export * from './kafka-connection';
export * from './topic-replication';
