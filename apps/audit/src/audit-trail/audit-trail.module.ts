import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditEntryDoc, AuditEntrySchema, AuditKeyName, AuditKeyNameSchema } from './audit-entry.schema';
import { AUDIT_GROUP_ID, AuditTrailConsumer } from './audit-trail.consumer';
import { AuditTrailWriter } from './audit-trail.writer';

@Module({})
export class AuditTrailModule {
  static register(groupId: string): DynamicModule {
    return {
      module: AuditTrailModule,
      imports: [
        MongooseModule.forFeature([
          { name: AuditEntryDoc.name, schema: AuditEntrySchema },
          { name: AuditKeyName.name, schema: AuditKeyNameSchema },
        ]),
      ],
      providers: [{ provide: AUDIT_GROUP_ID, useValue: groupId }, AuditTrailWriter, AuditTrailConsumer],
      exports: [AuditTrailWriter],
    };
  }
}
