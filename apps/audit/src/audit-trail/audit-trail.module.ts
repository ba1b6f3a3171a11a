import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BearerAuthModule } from '@pxxl/bearer-auth';
import type { Clock } from '@pxxl/contracts';
import { KeyReadModelModule } from '@pxxl/key-read-model';
import {
  AuditEntryDoc,
  AuditEntrySchema,
  AuditKeyName,
  AuditKeyNameSchema,
  ChainHeadDoc,
  ChainHeadSchema,
  ChainLinkDoc,
  ChainLinkSchema,
  ChainSegmentDoc,
  ChainSegmentSchema,
} from './audit-entry.schema';
import { AUDIT_GROUP_ID, AuditTrailConsumer } from './audit-trail.consumer';
import { AuditTrailWriter } from './audit-trail.writer';
import { ChainHeadPublisher, HEAD_PUBLISH_INTERVAL_MS } from './chain/chain-head.publisher';
import { ChainReader } from './chain/chain-reader';
import { ChainStore } from './chain/chain-store';
import { AUDIT_COMPLETENESS_CHECK, COMPLETENESS_SETTINGS, CompletenessMonitor, type CompletenessSettings } from './completeness/completeness.monitor';
import { ExportService } from './export/export.service';
import { AuditController } from './http/audit.controller';
import { IntegrityService } from './integrity/integrity.service';
import { AuditQueryService } from './query/audit-query.service';
import { ReviewService } from './review/review.service';

export interface AuditTrailOptions {
  groupId: string;
  bcryptCost: number;
  headPublishIntervalMs: number;
  completeness: CompletenessSettings;
  /** Tests inject a controllable clock; production uses the system clock. */
  clock?: Clock;
}

/** Records the trail (consumer, chain writer), serves it to reviewers, and watches its completeness. */
@Module({})
export class AuditTrailModule {
  static register(options: AuditTrailOptions): DynamicModule {
    return {
      module: AuditTrailModule,
      // Global so that HealthModule can inject the completeness check.
      global: true,
      imports: [
        MongooseModule.forFeature([
          { name: AuditEntryDoc.name, schema: AuditEntrySchema },
          { name: AuditKeyName.name, schema: AuditKeyNameSchema },
          { name: ChainHeadDoc.name, schema: ChainHeadSchema },
          { name: ChainLinkDoc.name, schema: ChainLinkSchema },
          { name: ChainSegmentDoc.name, schema: ChainSegmentSchema },
        ]),
        KeyReadModelModule,
        // Exports CLOCK (the injected one, or the system clock) to everything here.
        BearerAuthModule.forLocal({ bcryptCost: options.bcryptCost, clock: options.clock }),
      ],
      controllers: [AuditController],
      providers: [
        { provide: AUDIT_GROUP_ID, useValue: options.groupId },
        { provide: HEAD_PUBLISH_INTERVAL_MS, useValue: options.headPublishIntervalMs },
        { provide: COMPLETENESS_SETTINGS, useValue: options.completeness },
        ChainStore,
        ChainReader,
        AuditTrailWriter,
        AuditTrailConsumer,
        ChainHeadPublisher,
        CompletenessMonitor,
        { provide: AUDIT_COMPLETENESS_CHECK, inject: [CompletenessMonitor], useFactory: (monitor: CompletenessMonitor) => monitor.healthCheck() },
        AuditQueryService,
        ExportService,
        IntegrityService,
        ReviewService,
      ],
      exports: [AuditTrailWriter, ChainHeadPublisher, CompletenessMonitor, IntegrityService, AUDIT_COMPLETENESS_CHECK],
    };
  }
}
