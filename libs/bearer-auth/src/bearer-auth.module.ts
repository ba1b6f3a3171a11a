import { DynamicModule, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { CLOCK, systemClock, type Clock } from '@pxxl/contracts';
import { KeyReadModelModule } from '@pxxl/key-read-model';
import { ApiKeyGuard } from './api-key.guard';
import { PxxlBearerStrategy } from './bearer.strategy';
import { KEY_VERIFIER } from './verification/key-verifier';
import { BCRYPT_COST, LocalKeyVerifier } from './verification/local-key-verifier';

export interface LocalBearerAuthOptions {
  /** bcrypt cost of the dummy hash compared for unknown keys: the cost keys are hashed with. */
  bcryptCost: number;
  /** The time source for expiry and grace checks (tests inject a controllable one). */
  clock?: Clock;
}

/**
 * Bearer authentication for NestJS apps: strategy, guard, @RequireScopes and
 * @CurrentKey. `forLocal` verifies against the MongoDB read model (needs a
 * mongoose connection in the app).
 */
@Module({})
export class BearerAuthModule {
  static forLocal(options: LocalBearerAuthOptions): DynamicModule {
    return {
      module: BearerAuthModule,
      imports: [PassportModule, KeyReadModelModule],
      providers: [
        { provide: BCRYPT_COST, useValue: options.bcryptCost },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        LocalKeyVerifier,
        { provide: KEY_VERIFIER, useExisting: LocalKeyVerifier },
        PxxlBearerStrategy,
        ApiKeyGuard,
      ],
      exports: [KEY_VERIFIER, ApiKeyGuard, CLOCK],
    };
  }
}
