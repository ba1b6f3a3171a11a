import { DynamicModule, Module } from '@nestjs/common';
import { KeyReadModelModule } from '@pxxl/key-read-model';
import { KeyReadModelConsumer, PROJECTOR_GROUP_ID } from './key-read-model.consumer';
import { KeyViewWriter } from './key-view.writer';

@Module({})
export class KeyReadModelProjectionModule {
  static register(groupId: string): DynamicModule {
    return {
      module: KeyReadModelProjectionModule,
      imports: [KeyReadModelModule],
      providers: [{ provide: PROJECTOR_GROUP_ID, useValue: groupId }, KeyViewWriter, KeyReadModelConsumer],
      exports: [KeyViewWriter],
    };
  }
}
