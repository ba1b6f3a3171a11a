import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MongooseModule } from '@nestjs/mongoose';
import { BearerAuthModule } from '@pxxl/bearer-auth';
import { KeyReadModelModule } from '@pxxl/key-read-model';
import { BootstrapWorkspaceHandler } from './commands/bootstrap-workspace/bootstrap-workspace.handler';
import { CreateKeyHandler } from './commands/create-key/create-key.handler';
import { EventRecorder } from './commands/shared/event-recorder';
import { KEY_COMMAND_SETTINGS, type KeyCommandSettings } from './commands/shared/key-command-settings';
import { KeysController } from './http/keys.controller';
import { VerifyController } from './http/verify.controller';
import { BcryptSecretHasher } from './infrastructure/bcrypt-secret-hasher';
import { MongoEventStore } from './infrastructure/mongo-event-store';
import { MongoKeyDirectory } from './infrastructure/mongo-key-directory';
import { OUTBOX_RELAY_SETTINGS, OutboxRelay, type OutboxRelaySettings } from './infrastructure/outbox-relay';
import { PollingReadModelWaiter } from './infrastructure/polling-read-model-waiter';
import { StoredEvent, StoredEventSchema } from './infrastructure/stored-event.schema';
import { VerifyKeyHandler } from './queries/verify-key/verify-key.handler';
import { EVENT_PUBLISHER, EVENT_STORE, KEY_DIRECTORY, READ_MODEL_WAITER, SECRET_HASHER } from './ports';

export interface KeysModuleOptions {
  bcryptCost: number;
  commands: KeyCommandSettings;
  outbox: OutboxRelaySettings;
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
        BearerAuthModule.forLocal({ bcryptCost: options.bcryptCost }),
      ],
      controllers: options.http ? [KeysController, VerifyController] : [],
      providers: [
        { provide: KEY_COMMAND_SETTINGS, useValue: options.commands },
        { provide: OUTBOX_RELAY_SETTINGS, useValue: options.outbox },
        { provide: SECRET_HASHER, useValue: new BcryptSecretHasher(options.bcryptCost) },
        { provide: EVENT_STORE, useClass: MongoEventStore },
        OutboxRelay,
        { provide: EVENT_PUBLISHER, useExisting: OutboxRelay },
        { provide: READ_MODEL_WAITER, useClass: PollingReadModelWaiter },
        { provide: KEY_DIRECTORY, useClass: MongoKeyDirectory },
        EventRecorder,
        CreateKeyHandler,
        BootstrapWorkspaceHandler,
        VerifyKeyHandler,
      ],
    };
  }
}
