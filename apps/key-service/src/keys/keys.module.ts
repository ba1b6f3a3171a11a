import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BearerAuthModule } from '@pxxl/bearer-auth';
import { EventOutbox, EventStoreModule, MongoEventStore, MongoKeySignalOutbox, type OutboxRelaySettings } from '@pxxl/event-store';
import { KeyReadModelModule } from '@pxxl/key-read-model';
import type { Clock } from '@pxxl/contracts';
import { ChangeWorkspacePolicyController } from './commands/change-workspace-policy/change-workspace-policy.controller';
import { CreateKeyController } from './commands/create-key/create-key.controller';
import { ReportLeaksController } from './commands/report-leaks/report-leaks.controller';
import { RevokeKeyController } from './commands/revoke-key/revoke-key.controller';
import { RotateKeyController } from './commands/rotate-key/rotate-key.controller';
import { UpdateKeyController } from './commands/update-key/update-key.controller';
import { GetKeyController } from './queries/get-key/get-key.controller';
import { GetScopeCatalogController } from './queries/get-scope-catalog/get-scope-catalog.controller';
import { GetWorkspacePolicyController } from './queries/get-workspace-policy/get-workspace-policy.controller';
import { ListKeysController } from './queries/list-keys/list-keys.controller';
import { BootstrapWorkspaceHandler } from './commands/bootstrap-workspace/bootstrap-workspace.handler';
import { ChangeWorkspacePolicyHandler } from './commands/change-workspace-policy/change-workspace-policy.handler';
import { RecordBrowserUseHandler } from './commands/record-browser-use/record-browser-use.handler';
import { ReportLeaksHandler } from './commands/report-leaks/report-leaks.handler';
import { CreateKeyHandler } from './commands/create-key/create-key.handler';
import { RevokeKeyHandler } from './commands/revoke-key/revoke-key.handler';
import { RotateKeyHandler } from './commands/rotate-key/rotate-key.handler';
import { KeyChange } from './commands/shared/change-key';
import { EventRecording, KEY_COMMAND_SETTINGS, type KeyCommandSettings } from './commands/shared/record-events';
import { UpdateKeyHandler } from './commands/update-key/update-key.handler';
import { BrowserUseCommandDispatcher, KEY_SERVICE_BROWSER_USE_LISTENER } from './http/browser-use.listener';
import { VerifyController } from './queries/verify-key/verify-key.controller';
import { BatchedUsageRecorder, USAGE_RECORDER_SETTINGS, type UsageRecorderSettings } from './infrastructure/batched-usage-recorder';
import { BearerVerificationCache } from './infrastructure/bearer-verification-cache';
import { BcryptSecretHasher } from './infrastructure/bcrypt-secret-hasher';
import { MongoKeyDirectory } from './infrastructure/mongo-key-directory';
import { MongoKeyReadModel } from './infrastructure/mongo-key-read-model';
import { MongoLeakReportStore } from './infrastructure/mongo-leak-report-store';
import { MongoReadYourWrites } from './infrastructure/mongo-read-your-writes';
import { PolicyLoader } from './queries/shared/policy-loader';
import { GetKeyHandler } from './queries/get-key/get-key.handler';
import { GetWorkspacePolicyHandler } from './queries/get-workspace-policy/get-workspace-policy.handler';
import { ListKeysHandler } from './queries/list-keys/list-keys.handler';
import { ReconcileReadModelHandler } from './queries/reconcile-read-model/reconcile-read-model.handler';
import { VerifyKeyHandler } from './queries/verify-key/verify-key.handler';
import {
  EVENT_PUBLISHER,
  EVENT_STORE,
  KEY_DIRECTORY,
  KEY_READ_MODEL,
  KEY_SIGNAL_OUTBOX,
  LEAK_REPORT_STORE,
  READ_YOUR_WRITES,
  SECRET_HASHER,
  USAGE_RECORDER,
  VERIFICATION_CACHE,
  type EventPublisher,
  type EventStore,
  type KeySignalOutbox,
} from './ports';

export interface KeysModuleOptions {
  bcryptCost: number;
  commands: KeyCommandSettings;
  outbox: OutboxRelaySettings;
  usage: UsageRecorderSettings;
  clock?: Clock;
  /** Where the revocation listener of the verification cache reads; false for the CLI (no cache). */
  revocations: { brokers: string[]; topic: string } | false;
  /** Wrong secrets per key id per minute before it is refused without a check. */
  failuresPerKeyPerMinute: number;
  /** A cached VALID answer is served only while the read model holds the key at its version (VERIFY_CONFIRMS_READ_MODEL). */
  confirmCachedVersion: boolean;
  /** false for the CLI: it needs the commands, not the HTTP routes. */
  http: boolean;
}

/**
 * One controller per use case, each in its use case's folder. The OpenAPI document lists the routes
 * in this order, and every route names its operationId (`KeysController_create`, …) so that clients
 * generated from the document keep their method names.
 */
const CONTROLLERS = [
  CreateKeyController,
  ListKeysController,
  GetKeyController,
  UpdateKeyController,
  RotateKeyController,
  RevokeKeyController,
  VerifyController,
  GetScopeCatalogController,
  GetWorkspacePolicyController,
  ChangeWorkspacePolicyController,
  ReportLeaksController,
];

/** What only the HTTP app needs: leaked-key reports and recording refused browser use. */
const HTTP_ONLY_PROVIDERS = [
  { provide: KEY_SIGNAL_OUTBOX, inject: [MongoKeySignalOutbox], useFactory: (outbox: MongoKeySignalOutbox): KeySignalOutbox => outbox },
  { provide: LEAK_REPORT_STORE, useClass: MongoLeakReportStore },
  RecordBrowserUseHandler,
  ReportLeaksHandler,
  { provide: KEY_SERVICE_BROWSER_USE_LISTENER, useClass: BrowserUseCommandDispatcher },
];

/** The keys bounded context: commands, queries and their adapters (workspace policy included). */
@Module({})
export class KeysModule {
  static register(options: KeysModuleOptions): DynamicModule {
    return {
      module: KeysModule,
      imports: [
        CqrsModule.forRoot(),
        EventStoreModule.forRoot({ outbox: options.outbox, keySignals: options.http }),
        KeyReadModelModule,
        options.revocations
          ? BearerAuthModule.forRoot({
              mode: 'local',
              bcryptCost: options.bcryptCost,
              // Other instances change keys too: a cached answer must still match the read model.
              confirmCachedVersion: options.confirmCachedVersion,
              clock: options.clock,
              revocations: { ...options.revocations, serviceName: 'key-service' },
              throttle: { maxFailuresPerKey: options.failuresPerKeyPerMinute, windowMs: 60_000 },
            })
          : BearerAuthModule.forLocal({ bcryptCost: options.bcryptCost, clock: options.clock }),
      ],
      controllers: options.http ? CONTROLLERS : [],
      providers: [
        { provide: KEY_COMMAND_SETTINGS, useValue: options.commands },
        { provide: USAGE_RECORDER_SETTINGS, useValue: options.usage },
        { provide: USAGE_RECORDER, useClass: BatchedUsageRecorder },
        { provide: KEY_READ_MODEL, useClass: MongoKeyReadModel },
        KeyChange,
        PolicyLoader,
        { provide: SECRET_HASHER, useValue: new BcryptSecretHasher(options.bcryptCost) },
        // The event store's classes behind the ports the use cases see.
        { provide: EVENT_STORE, inject: [MongoEventStore], useFactory: (store: MongoEventStore): EventStore => store },
        { provide: EVENT_PUBLISHER, inject: [EventOutbox], useFactory: (outbox: EventOutbox): EventPublisher => outbox },
        { provide: READ_YOUR_WRITES, useClass: MongoReadYourWrites },
        { provide: KEY_DIRECTORY, useClass: MongoKeyDirectory },
        { provide: VERIFICATION_CACHE, useClass: BearerVerificationCache },
        EventRecording,
        CreateKeyHandler,
        BootstrapWorkspaceHandler,
        RotateKeyHandler,
        RevokeKeyHandler,
        UpdateKeyHandler,
        ChangeWorkspacePolicyHandler,
        GetKeyHandler,
        ListKeysHandler,
        ReconcileReadModelHandler,
        VerifyKeyHandler,
        GetWorkspacePolicyHandler,
        ...(options.http ? HTTP_ONLY_PROVIDERS : []),
      ],
    };
  }
}
