export * from './kafka.client';
export * from './kafka.module';
export * from './key-event-consumer';
export * from './topic-message';
