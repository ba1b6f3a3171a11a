import { DynamicModule, Module } from '@nestjs/common';
import { MongoModule } from '@pxxl/mongo';
import { KeyViewRebuilder } from '../key-read-model/infrastructure/key-view-rebuilder';
import type { ProjectorConfig } from '../projector.config';

/** The projector's admin side: the store only, no consumer. */
@Module({})
export class ProjectorCliModule {
  static forRoot(config: ProjectorConfig): DynamicModule {
    return { module: ProjectorCliModule, imports: [MongoModule.forRoot(config.mongo.uri, 'projector-cli', config.mongo.concerns)], providers: [KeyViewRebuilder] };
  }
}
