import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MongooseModule } from '@nestjs/mongoose';
import { BearerAuthModule } from '@pxxl/bearer-auth';
import { KeyReadModelModule } from '@pxxl/key-read-model';
import type { Clock } from '@pxxl/contracts';
import { BootstrapWorkspaceHandler } from './commands/bootstrap-workspace/bootstrap-workspace.handler';
import { CreateKeyHandler } from './commands/create-key/create-key.handler';
import { RevokeKeyHandler } from './commands/revoke-key/revoke-key.handler';
import { RotateKeyHandler } from './commands/rotate-key/rotate-key.handler';
import { EventRecorder } from './commands/shared/event-recorder';
import { KeyChanger } from './commands/shared/key-changer';
import { KeyLoader } from './commands/shared/key-loader';
import { UpdateKeyHandler } from './commands/update-key/update-key.handler';
import { KEY_COMMAND_SETTINGS, type KeyCommandSettings } from './commands/shared/key-command-settings';
import { KeysController } from './http/keys.controller';
import { VerifyController } from './http/verify.controller';
import { BatchedUsageRecorder, USAGE_RECORDER_SETTINGS, type UsageRecorderSettings } from './infrastructure/batched-usage-recorder';
import { BearerVerificationCache } from './infrastructure/bearer-verification-cache';
import { BcryptSecretHasher } from './infrastructure/bcrypt-secret-hasher';
import { MongoEventStore } from './infrastructure/mongo-event-store';
import { MongoKeyDirectory } from './infrastructure/mongo-key-directory';
import { MongoKeyReadModel } from './infrastructure/mongo-key-read-model';
import { OUTBOX_RELAY_SETTINGS, OutboxRelay, type OutboxRelaySettings } from './infrastructure/outbox-relay';
import { PollingReadModelWaiter } from './infrastructure/polling-read-model-waiter';
import { StoredEvent, StoredEventSchema } from './infrastructure/stored-event.schema';
import { GetKeyHandler } from './queries/get-key/get-key.handler';
import { ListKeysHandler } from './queries/list-keys/list-keys.handler';
import { ReconcileReadModelHandler } from './queries/reconcile-read-model/reconcile-read-model.handler';
import { VerifyKeyHandler } from './queries/verify-key/verify-key.handler';
import { EVENT_PUBLISHER, EVENT_STORE, KEY_DIRECTORY, KEY_READ_MODEL, READ_MODEL_WAITER, SECRET_HASHER, USAGE_RECORDER, VERIFICATION_CACHE } from './ports';

export interface KeysModuleOptions {
  bcryptCost: number;
  commands: KeyCommandSettings;
  outbox: OutboxRelaySettings;
  usage: UsageRecorderSettings;
  clock?: Clock;
  /** Where the revocation listener of the verification cache reads; false for the CLI (no cache). */
  revocations: { brokers: string[]; topic: string } | false;
  /** false for the CLI: it needs the commands, not the HTTP routes. */
  http: boolean;
}

/** The keys bounded context: commands, queries and their adapters. */
@Module({})
export class KeysModule {
  static register(options: KeysModuleOptions): DynamicModule {
    return {
      module: KeysModule,
      imports: [
        CqrsModule.forRoot(),
        MongooseModule.forFeature([{ name: StoredEvent.name, schema: StoredEventSchema }]),
        KeyReadModelModule,
        options.revocations
          ? BearerAuthModule.forRoot({
              mode: 'local',
              bcryptCost: options.bcryptCost,
              clock: options.clock,
              revocations: { ...options.revocations, serviceName: 'key-service' },
            })
          : BearerAuthModule.forLocal({ bcryptCost: options.bcryptCost, clock: options.clock }),
      ],
      controllers: options.http ? [KeysController, VerifyController] : [],
      providers: [
        { provide: KEY_COMMAND_SETTINGS, useValue: options.commands },
        { provide: OUTBOX_RELAY_SETTINGS, useValue: options.outbox },
        { provide: USAGE_RECORDER_SETTINGS, useValue: options.usage },
        { provide: USAGE_RECORDER, useClass: BatchedUsageRecorder },
        { provide: KEY_READ_MODEL, useClass: MongoKeyReadModel },
        KeyLoader,
        KeyChanger,
        { provide: SECRET_HASHER, useValue: new BcryptSecretHasher(options.bcryptCost) },
        { provide: EVENT_STORE, useClass: MongoEventStore },
        OutboxRelay,
        { provide: EVENT_PUBLISHER, useExisting: OutboxRelay },
        { provide: READ_MODEL_WAITER, useClass: PollingReadModelWaiter },
        { provide: KEY_DIRECTORY, useClass: MongoKeyDirectory },
        { provide: VERIFICATION_CACHE, useClass: BearerVerificationCache },
        EventRecorder,
        CreateKeyHandler,
        BootstrapWorkspaceHandler,
        RotateKeyHandler,
        RevokeKeyHandler,
        UpdateKeyHandler,
        GetKeyHandler,
        ListKeysHandler,
        ReconcileReadModelHandler,
        VerifyKeyHandler,
      ],
    };
  }
}
