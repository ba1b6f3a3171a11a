import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KeyView, KeyViewSchema } from './key-view.schema';
import { KeyViewReadYourWrites } from './key-view.read-your-writes';
import { KeyViewReader } from './key-view.reader';

@Module({
  imports: [MongooseModule.forFeature([{ name: KeyView.name, schema: KeyViewSchema }])],
  providers: [KeyViewReader, KeyViewReadYourWrites],
  exports: [MongooseModule, KeyViewReader, KeyViewReadYourWrites],
})
export class KeyReadModelModule {}
