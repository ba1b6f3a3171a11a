import { DynamicModule, Module } from '@nestjs/common';
import { HealthModule, MetricsModule } from '@pxxl/http';
import { KAFKA_HEALTH_CHECK, KafkaModule } from '@pxxl/kafka';
import { MONGO_HEALTH_CHECK, MongoModule } from '@pxxl/mongo';
import { KeyReadModelProjectionModule } from './key-read-model/key-read-model.module';
import type { ProjectorConfig } from './projector.config';

@Module({})
export class ProjectorModule {
  static forRoot(config: ProjectorConfig): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [
        MetricsModule.forApp('projector'),
        MongoModule.forRoot(config.mongo.uri, 'projector', config.mongo.concerns),
        KafkaModule.forRoot(config.kafka),
        KeyReadModelProjectionModule.register(config.groupId),
        HealthModule.forChecks([MONGO_HEALTH_CHECK, KAFKA_HEALTH_CHECK]),
      ],
    };
  }
}
