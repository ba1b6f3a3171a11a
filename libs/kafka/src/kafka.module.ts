import { DynamicModule, Module } from '@nestjs/common';
import type { HealthCheck } from '@pxxl/observability';
import { KAFKA_OPTIONS, KafkaClient, type KafkaOptions } from './kafka.client';

export const KAFKA_HEALTH_CHECK = 'KAFKA_HEALTH_CHECK';

@Module({})
export class KafkaModule {
  static forRoot(options: KafkaOptions): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      providers: [
        { provide: KAFKA_OPTIONS, useValue: options },
        KafkaClient,
        {
          provide: KAFKA_HEALTH_CHECK,
          inject: [KafkaClient],
          useFactory: (client: KafkaClient): HealthCheck => ({
            name: 'kafka',
            check: async () => {
              await client.ping();
              return { ok: true };
            },
          }),
        },
      ],
      exports: [KafkaClient, KAFKA_HEALTH_CHECK],
    };
  }
}
