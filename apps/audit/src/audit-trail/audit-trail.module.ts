import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BearerAuthModule } from '@pxxl/bearer-auth';
import type { Clock } from '@pxxl/contracts';
import { KeyReadModelModule } from '@pxxl/key-read-model';
import { AddCosignaturesController } from './commands/add-cosignatures/add-cosignatures.controller';
import { CosignatureIntake } from './commands/add-cosignatures/cosignature-intake';
import { AuditTrailWriter } from './commands/record-entry/audit-trail.writer';
import { CheckpointTaker } from './commands/take-checkpoint/checkpoint-taker';
import { CheckpointSchedule } from './commands/take-checkpoint/checkpoint.schedule';
import { AuditController } from './http/audit.controller';
import { TransparencyController } from './http/transparency.controller';
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
} from './infrastructure/audit-entry.schema';
import { ChainHeadPublisher, HEAD_PUBLISH_INTERVAL_MS } from './infrastructure/chain-head.publisher';
import { AUDIT_COMPLETENESS_CHECK, COMPLETENESS_SETTINGS, CompletenessMonitor, type CompletenessSettings } from './infrastructure/completeness.monitor';
import { KafkaCheckpointLog } from './infrastructure/kafka-checkpoint-log';
import { MongoAuditEntryStore } from './infrastructure/mongo-audit-entry-store';
import { MongoCheckpointStore } from './infrastructure/mongo-checkpoint-store';
import { MongoCosignatureStore } from './infrastructure/mongo-cosignature-store';
import { MongoTreeStore } from './infrastructure/mongo-tree-store';
import { CheckpointDoc, CheckpointSchema, CosignatureDoc, CosignatureSchema, TreeNodeDoc, TreeNodeSchema } from './infrastructure/tree.schema';
import { MongoChainStore } from './infrastructure/mongo-chain-store';
import { MongoEventLogReader } from './infrastructure/mongo-event-log-reader';
import { MongoKeySource } from './infrastructure/mongo-key-source';
import { AUDIT_GROUP_ID, AuditTrailConsumer } from './messaging/audit-trail.consumer';
import { AUDIT_ENTRY_STORE, CHAIN_STORE, CHECKPOINT_LOG, CHECKPOINT_SETTINGS, CHECKPOINT_STORE, COSIGNATURE_STORE, EVENT_LOG_READER, KEY_SOURCE, TREE_STORE, type CheckpointSettings } from './ports';
import { ProofService } from './queries/prove/proof.service';
import { MerkleTree } from './queries/shared/merkle-tree';
import { ExportService } from './queries/export/export.service';
import { AuditQueryService } from './queries/query-trail/audit-query.service';
import { ReviewService } from './queries/review-report/review.service';
import { ChainReader } from './queries/shared/chain-reader';
import { IntegrityService } from './queries/verify-integrity/integrity.service';

export interface AuditTrailOptions {
  groupId: string;
  bcryptCost: number;
  headPublishIntervalMs: number;
  completeness: CompletenessSettings;
  checkpoints: CheckpointSettings;
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
          { name: TreeNodeDoc.name, schema: TreeNodeSchema },
          { name: CheckpointDoc.name, schema: CheckpointSchema },
          { name: CosignatureDoc.name, schema: CosignatureSchema },
        ]),
        KeyReadModelModule,
        // Exports CLOCK (the injected one, or the system clock) to everything here.
        BearerAuthModule.forLocal({ bcryptCost: options.bcryptCost, clock: options.clock }),
      ],
      controllers: [AuditController, TransparencyController, AddCosignaturesController],
      providers: [
        { provide: AUDIT_GROUP_ID, useValue: options.groupId },
        { provide: HEAD_PUBLISH_INTERVAL_MS, useValue: options.headPublishIntervalMs },
        { provide: COMPLETENESS_SETTINGS, useValue: options.completeness },
        { provide: AUDIT_ENTRY_STORE, useClass: MongoAuditEntryStore },
        { provide: CHAIN_STORE, useClass: MongoChainStore },
        { provide: EVENT_LOG_READER, useClass: MongoEventLogReader },
        { provide: KEY_SOURCE, useClass: MongoKeySource },
        { provide: TREE_STORE, useClass: MongoTreeStore },
        { provide: CHECKPOINT_STORE, useClass: MongoCheckpointStore },
        { provide: COSIGNATURE_STORE, useClass: MongoCosignatureStore },
        { provide: CHECKPOINT_LOG, useClass: KafkaCheckpointLog },
        { provide: CHECKPOINT_SETTINGS, useValue: options.checkpoints },
        ChainReader,
        MerkleTree,
        CheckpointTaker,
        CheckpointSchedule,
        CosignatureIntake,
        ProofService,
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
      exports: [AuditTrailWriter, ChainHeadPublisher, CheckpointTaker, CheckpointSchedule, CompletenessMonitor, IntegrityService, AUDIT_COMPLETENESS_CHECK],
    };
  }
}
