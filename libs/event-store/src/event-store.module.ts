import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { METRICS, type Metrics } from '@pxxl/observability';
import { EventOutbox } from './event-outbox';
import { MongoEventStore } from './mongo-event-store';
import { MongoKeySignalOutbox } from './mongo-key-signal-outbox';
import { observeOutboxes } from './outbox-metrics';
import { OUTBOX_RELAY_SETTINGS, type OutboxRelaySettings } from './outbox-relay';
import { StoredEvent, StoredEventSchema } from './stored-event.schema';

export interface EventStoreModuleOptions {
  outbox: OutboxRelaySettings;
  /** true to run the key-signal outbox too (its relay sweeps from start): the HTTP app records signals, the CLI does not. */
  keySignals: boolean;
}

/**
 * The event store and its outboxes for an app that writes events (the key
 * service). Needs MongoModule and KafkaModule (global) in the app; readers of
 * the whole log use event-log.ts instead.
 */
const OUTBOX_METRICS = 'OUTBOX_METRICS';

@Module({})
export class EventStoreModule {
  static forRoot(options: EventStoreModuleOptions): DynamicModule {
    const providers = [MongoEventStore, EventOutbox, ...(options.keySignals ? [MongoKeySignalOutbox] : [])];
    return {
      module: EventStoreModule,
      imports: [MongooseModule.forFeature([{ name: StoredEvent.name, schema: StoredEventSchema }])],
      providers: [
        { provide: OUTBOX_RELAY_SETTINGS, useValue: options.outbox },
        ...providers,
        {
          provide: OUTBOX_METRICS,
          inject: [EventOutbox, { token: MongoKeySignalOutbox, optional: true }, { token: METRICS, optional: true }],
          useFactory: (events: EventOutbox, signals: MongoKeySignalOutbox | undefined, metrics: Metrics | undefined) =>
            metrics && observeOutboxes(metrics, { events, key_signals: signals ?? null }),
        },
      ],
      exports: providers,
    };
  }
}
