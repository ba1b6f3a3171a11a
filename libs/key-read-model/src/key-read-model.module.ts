import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KeyView, KeyViewSchema } from './key-view.schema';
import { KeyViewReader } from './key-view.reader';

@Module({
  imports: [MongooseModule.forFeature([{ name: KeyView.name, schema: KeyViewSchema }])],
  providers: [KeyViewReader],
  exports: [MongooseModule, KeyViewReader],
})
export class KeyReadModelModule {}
