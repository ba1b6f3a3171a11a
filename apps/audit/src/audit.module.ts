import { DynamicModule, Module } from '@nestjs/common';
import type { Clock } from '@pxxl/contracts';
import { HealthModule, MetricsModule } from '@pxxl/http';
import { KAFKA_HEALTH_CHECK, KafkaModule } from '@pxxl/kafka';
import { MONGO_HEALTH_CHECK, MongoModule } from '@pxxl/mongo';
import type { AuditConfig } from './audit.config';
import { AuditTrailModule } from './audit-trail/audit-trail.module';
import { AUDIT_COMPLETENESS_CHECK } from './audit-trail/infrastructure/completeness.monitor';

@Module({})
export class AuditModule {
  static forRoot(config: AuditConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AuditModule,
      imports: [
        MetricsModule.forApp('audit'),
        MongoModule.forRoot(config.mongo.uri, 'audit', config.mongo.concerns),
        KafkaModule.forRoot(config.kafka),
        AuditTrailModule.register({
          groupId: config.groupId,
          bcryptCost: config.bcryptCost,
          headPublishIntervalMs: config.headPublishIntervalMs,
          completeness: { intervalMs: config.reconcileIntervalMs, graceMs: config.reconcileGraceMs },
          checkpoints: config.checkpoints,
          clock: options.clock,
        }),
        HealthModule.forChecks([MONGO_HEALTH_CHECK, KAFKA_HEALTH_CHECK, AUDIT_COMPLETENESS_CHECK]),
      ],
    };
  }
}
