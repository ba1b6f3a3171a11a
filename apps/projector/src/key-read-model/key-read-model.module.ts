import { DynamicModule, Module } from '@nestjs/common';
import { KeyReadModelModule } from '@pxxl/key-read-model';
import { KeyViewProjector } from './commands/project-event/key-view.projector';
import { MongoKeyViewStore } from './infrastructure/mongo-key-view-store';
import { KeyReadModelConsumer, PROJECTOR_GROUP_ID } from './messaging/key-read-model.consumer';
import { KEY_VIEW_STORE } from './ports';

@Module({})
export class KeyReadModelProjectionModule {
  static register(groupId: string): DynamicModule {
    return {
      module: KeyReadModelProjectionModule,
      imports: [KeyReadModelModule],
      providers: [{ provide: PROJECTOR_GROUP_ID, useValue: groupId }, { provide: KEY_VIEW_STORE, useClass: MongoKeyViewStore }, KeyViewProjector, KeyReadModelConsumer],
      exports: [KeyViewProjector],
    };
  }
}
