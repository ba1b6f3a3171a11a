import { DynamicModule, Module } from '@nestjs/common';
import { BEARER_AUTH_HEALTH_CHECK } from '@pxxl/bearer-auth';
import { HealthModule, MetricsModule } from '@pxxl/http';
import { KAFKA_HEALTH_CHECK, kafkaConnectionOptions, KafkaModule } from '@pxxl/kafka';
import { MONGO_HEALTH_CHECK, MongoModule } from '@pxxl/mongo';
import type { Clock } from '@pxxl/contracts';
import type { KeyServiceConfig } from './key-service.config';
import { DashboardModule } from './dashboard/dashboard.module';
import { KeysModule } from './keys';
import { ReviewsModule } from './reviews';

@Module({})
export class KeyServiceModule {
  static forRoot(config: KeyServiceConfig, options: { http: boolean; clock?: Clock } = { http: true }): DynamicModule {
    return {
      module: KeyServiceModule,
      imports: [
        // Served at GET /metrics by the HTTP app; the CLI (http: false) keeps none.
        ...(options.http ? [MetricsModule.forApp('key-service')] : []),
        MongoModule.forRoot(config.mongo.uri, 'key-service', config.mongo.concerns),
        KafkaModule.forRoot(config.kafka),
        KeysModule.register({
          bcryptCost: config.bcryptCost,
          commands: { readYourWritesTimeoutMs: config.readYourWritesTimeoutMs },
          outbox: { sweepIntervalMs: config.outboxSweepIntervalMs, sweepMinAgeMs: 5000 },
          usage: { flushIntervalMs: config.lastUsedFlushIntervalMs, minWriteIntervalMs: 60_000 },
          expiryNotices: { intervalMs: config.expiryNoticeIntervalMs },
          http: options.http,
          clock: options.clock,
          revocations: options.http ? { brokers: config.kafka.brokers, topic: config.kafka.topic, kafka: kafkaConnectionOptions(config.kafka.security) } : false,
          throttle: { maxFailuresPerKey: config.throttle.failuresPerKeyPerMinute, maxFailuresPerSource: config.throttle.failuresPerSourcePerMinute, windowMs: 60_000 },
          confirmCachedVersion: config.verifyConfirmsReadModel === 'always',
        }),
        ReviewsModule.register({ http: options.http }),
        ...(options.http
          ? [
              HealthModule.forChecks([MONGO_HEALTH_CHECK, KAFKA_HEALTH_CHECK, BEARER_AUTH_HEALTH_CHECK]),
              DashboardModule.register({
                auditUrl: config.dashboard.auditUrl,
                idleTimeoutMs: config.dashboard.idleTimeoutMinutes * 60_000,
                maxLifetimeMs: config.dashboard.maxLifetimeHours * 3_600_000,
                secureCookies: config.dashboard.secureCookies,
              }),
            ]
          : []),
      ],
    };
  }
}
