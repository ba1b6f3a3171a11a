import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BearerAuthModule, KEY_CACHE, KEY_VERIFIER, OUTCOME_COUNTS, type KeyCache, type KeyVerifier, type RevocationListenerOptions, type ThrottleOptions } from '@pxxl/bearer-auth';
import type { MongoOutcomeCounts } from '@pxxl/verification';
import { EventOutbox, EventStoreModule, MongoEventStore, MongoKeySignalOutbox, type OutboxRelaySettings } from '@pxxl/event-store';
import { KeyReadModelModule, KeyViewReadYourWrites } from '@pxxl/key-read-model';
import type { Clock } from '@pxxl/contracts';
import { METRICS, type Metrics } from '@pxxl/observability';
import { ChangeWorkspacePolicyController } from './commands/change-workspace-policy/change-workspace-policy.controller';
import { CreateKeyController } from './commands/create-key/create-key.controller';
import { ReportLeaksController } from './commands/report-leaks/report-leaks.controller';
import { RevokeKeyController } from './commands/revoke-key/revoke-key.controller';
import { RotateKeyController } from './commands/rotate-key/rotate-key.controller';
import { UpdateKeyController } from './commands/update-key/update-key.controller';
import { AddCreditsController } from './commands/add-credits/add-credits.controller';
import { RotateOwnerKeysController } from './commands/rotate-owner-keys/rotate-owner-keys.controller';
import { RotateOwnerKeysHandler } from './commands/rotate-owner-keys/rotate-owner-keys.handler';
import { RevokeOwnerKeysController } from './commands/revoke-owner-keys/revoke-owner-keys.controller';
import { RevokeOwnerKeysHandler } from './commands/revoke-owner-keys/revoke-owner-keys.handler';
import { OwnerKeys } from './commands/shared/owner-keys';
import { GetKeyUsageController } from './queries/get-key-usage/get-key-usage.controller';
import { GetKeyUsageHandler } from './queries/get-key-usage/get-key-usage.handler';
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
import { KeyChange, EventRecording, KEY_COMMAND_SETTINGS, type KeyCommandSettings } from './commands/shared/record-events';
import { UpdateKeyHandler } from './commands/update-key/update-key.handler';
import { AddCreditsHandler } from './commands/add-credits/add-credits.handler';
import { EmitExpiryNotices } from './commands/emit-expiry-notices/emit-expiry-notices';
import { EXPIRY_NOTICE_SETTINGS, ExpiryNoticeSchedule, type ExpiryNoticeSettings } from './commands/emit-expiry-notices/expiry-notice.schedule';
import { MongoExpiryCandidates } from './infrastructure/mongo-expiry-candidates';
import { BrowserUseCommandDispatcher, KEY_SERVICE_BROWSER_USE_LISTENER } from './http/browser-use.listener';
import { VerifyController } from './queries/verify-key/verify-key.controller';
import { BatchedUsageRecorder, USAGE_RECORDER_SETTINGS, type UsageRecorderSettings } from './infrastructure/batched-usage-recorder';
import { BcryptSecretHasher } from './infrastructure/bcrypt-secret-hasher';
import { CommandMetrics } from './infrastructure/command-metrics';
import { CommandTracing } from './infrastructure/command-tracing';
import { MongoKeyDirectory } from './infrastructure/mongo-key-directory';
import { MongoKeyReadModel } from './infrastructure/mongo-key-read-model';
import { LedgerCreditBalance } from './infrastructure/ledger-credit-balance';
import { MongoLeakReportStore } from './infrastructure/mongo-leak-report-store';
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
  KEY_VERIFICATION,
  CREDIT_BALANCE,
  EXPIRY_CANDIDATES,
  KEY_OUTCOMES,
  type KeyOutcomes,
  type KeyVerification,
  type VerificationCache,
  type EventPublisher,
  type EventStore,
  type KeySignalOutbox,
} from './ports';

export interface KeysModuleOptions {
  bcryptCost: number;
  commands: KeyCommandSettings;
  outbox: OutboxRelaySettings;
  usage: UsageRecorderSettings;
  /** The expiry notice scheduler (the HTTP app runs it; the CLI does not). */
  expiryNotices: ExpiryNoticeSettings;
  clock?: Clock;
  /** Where the revocation listener of the verification cache reads; false for the CLI (no cache). */
  revocations: Pick<RevocationListenerOptions, 'brokers' | 'topic' | 'kafka'> | false;
  /** Wrong secrets per key id per minute before it is refused without a check. */
  /** The verification pipeline's throttle step (per key id, and per source address for unknown key ids). */
  throttle: ThrottleOptions;
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
  AddCreditsController,
  GetKeyUsageController,
  RotateKeyController,
  RevokeKeyController,
  VerifyController,
  GetScopeCatalogController,
  GetWorkspacePolicyController,
  ChangeWorkspacePolicyController,
  ReportLeaksController,
  RotateOwnerKeysController,
  RevokeOwnerKeysController,
];

/** What only the HTTP app needs: leaked-key reports, recording refused browser use, and the expiry scheduler. */
const HTTP_ONLY_PROVIDERS = [
  { provide: EXPIRY_CANDIDATES, useClass: MongoExpiryCandidates },
  EmitExpiryNotices,
  ExpiryNoticeSchedule,
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
      // Global: the reviews module reaches the event store and the read model through these ports.
      global: true,
      exports: [EVENT_STORE, EVENT_PUBLISHER, KEY_READ_MODEL],
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
              throttle: options.throttle,
              outcomeCounts: { flushIntervalMs: options.usage.flushIntervalMs },
            })
          : BearerAuthModule.forLocal({ bcryptCost: options.bcryptCost, clock: options.clock }),
      ],
      controllers: options.http ? CONTROLLERS : [],
      providers: [
        { provide: KEY_COMMAND_SETTINGS, useValue: options.commands },
        { provide: USAGE_RECORDER_SETTINGS, useValue: options.usage },
        { provide: EXPIRY_NOTICE_SETTINGS, useValue: options.expiryNotices },
        { provide: USAGE_RECORDER, useClass: BatchedUsageRecorder },
        { provide: KEY_READ_MODEL, useClass: MongoKeyReadModel },
        { provide: CREDIT_BALANCE, useClass: LedgerCreditBalance },
        KeyChange,
        PolicyLoader,
        OwnerKeys,
        {
          provide: SECRET_HASHER,
          inject: [{ token: METRICS, optional: true }],
          useFactory: (metrics?: Metrics) => new BcryptSecretHasher(options.bcryptCost, metrics),
        },
        CommandMetrics,
        CommandTracing,
        // The event store's classes behind the ports the use cases see.
        { provide: EVENT_STORE, inject: [MongoEventStore], useFactory: (store: MongoEventStore): EventStore => store },
        { provide: EVENT_PUBLISHER, inject: [EventOutbox], useFactory: (outbox: EventOutbox): EventPublisher => outbox },
        // The read model's owner (libs/key-read-model) shows a creation and waits for a change.
        { provide: READ_YOUR_WRITES, useExisting: KeyViewReadYourWrites },
        { provide: KEY_DIRECTORY, useClass: MongoKeyDirectory },
        // The pipeline bearer-auth composed for this app's guard (one cache for the guard and POST /v1/verify)
        // is both the verification port and the cache port: no adapter in between.
        { provide: KEY_VERIFICATION, inject: [KEY_VERIFIER], useFactory: (pipeline: KeyVerifier): KeyVerification => pipeline },
        { provide: VERIFICATION_CACHE, inject: [KEY_CACHE], useFactory: (cache: KeyCache): VerificationCache => cache },
        // The same pipeline's outcome counts, read back per key and day.
        {
          provide: KEY_OUTCOMES,
          inject: [OUTCOME_COUNTS],
          useFactory: (counts: MongoOutcomeCounts | null): KeyOutcomes => ({ daily: (keyId, fromDay) => (counts ? counts.read(keyId, fromDay) : Promise.resolve([])) }),
        },
        EventRecording,
        CreateKeyHandler,
        BootstrapWorkspaceHandler,
        RotateKeyHandler,
        RevokeKeyHandler,
        UpdateKeyHandler,
        AddCreditsHandler,
        GetKeyUsageHandler,
        ChangeWorkspacePolicyHandler,
        GetKeyHandler,
        ListKeysHandler,
        ReconcileReadModelHandler,
        VerifyKeyHandler,
        GetWorkspacePolicyHandler,
        RotateOwnerKeysHandler,
        RevokeOwnerKeysHandler,
        ...(options.http ? HTTP_ONLY_PROVIDERS : []),
      ],
    };
  }
}
