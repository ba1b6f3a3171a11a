import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@pxxl/http';
import { KAFKA_HEALTH_CHECK, KafkaModule } from '@pxxl/kafka';
import { MONGO_HEALTH_CHECK, MongoModule } from '@pxxl/mongo';
import type { AuditConfig } from './audit.config';
import { AuditTrailModule } from './audit-trail/audit-trail.module';

@Module({})
export class AuditModule {
  static forRoot(config: AuditConfig): DynamicModule {
    return {
      module: AuditModule,
      imports: [
        MongoModule.forRoot(config.mongo.uri, 'audit'),
        KafkaModule.forRoot(config.kafka),
        AuditTrailModule.register(config.groupId),
        HealthModule.forChecks([MONGO_HEALTH_CHECK, KAFKA_HEALTH_CHECK]),
      ],
    };
  }
}
