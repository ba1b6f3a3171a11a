import { DynamicModule, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { CLOCK, systemClock, type Clock } from '@pxxl/contracts';
import type { HealthCheck } from '@pxxl/http';
import { KeyReadModelModule } from '@pxxl/key-read-model';
import { ApiKeyGuard } from './api-key.guard';
import {
  BEARER_AUTH_OPTIONS,
  cacheOptionsOf,
  DEFAULT_REMOTE_TIMEOUT_MS,
  validateBearerAuthOptions,
  type BearerAuthMode,
  type BearerAuthModeOptions,
  type BearerAuthOptions,
  type LocalBearerAuthOptions,
} from './bearer-auth.options';
import { PxxlBearerStrategy } from './bearer.strategy';
import { KafkaLiveness } from './revocation/kafka-liveness';
import { RevocationListener } from './revocation/revocation-listener';
import { KEY_CACHE, KEY_VERIFIER } from './verification/key-verifier';
import { RemoteKeyVerifier } from './verification/remote-key-verifier';
import { KeyViewReader } from '@pxxl/key-read-model';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { METRICS, type Metrics } from '@pxxl/observability';
import {
  BcryptSecretComparer,
  MongoCreditLedger,
  MongoOutcomeCounts,
  DEFAULT_THROTTLE_OPTIONS,
  KeyViewSource,
  NO_FRESHNESS_SOURCE,
  observeVerdictCache,
  timedSecretComparer,
  verificationObserver,
  VerificationPipeline,
  type KeyCache,
  type VerificationBackend,
} from '@pxxl/verification';

/** The RevocationListener of the app, or null when it runs without one. */
export const REVOCATION_LISTENER = 'REVOCATION_LISTENER';
/** A HealthCheck (@pxxl/http) that fails while cached keys cannot be vouched for by Kafka. */
export const BEARER_AUTH_HEALTH_CHECK = 'BEARER_AUTH_HEALTH_CHECK';
const BACKEND = 'BEARER_VERIFICATION_BACKEND';
/** Local mode: the credit ledger of keys' rate limits and quotas, shared through MongoDB by every process. */
const CREDIT_LEDGER = 'BEARER_CREDIT_LEDGER';
/** Local mode: verification outcomes per key and day, rolled up (GET /v1/keys/{id}/usage reads them). */
export const OUTCOME_COUNTS = 'BEARER_OUTCOME_COUNTS';

export interface BearerAuthAsyncOptions<M extends BearerAuthMode> extends Pick<ModuleMetadata, 'imports'> {
  /** Given here, not by the factory: it decides which providers the module needs. */
  mode: M;
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...args: never[]) => Omit<BearerAuthModeOptions<M>, 'mode'> | Promise<Omit<BearerAuthModeOptions<M>, 'mode'>>;
}

/**
 * Bearer authentication for NestJS apps: a passport-http-bearer strategy,
 * ApiKeyGuard, @RequireScopes and @CurrentKey, backed by the verification
 * pipeline of @pxxl/verification, whose backend is either `local` (MongoDB
 * read model + bcrypt; the app must have a mongoose connection, e.g.
 * MongoModule.forRoot) or `remote` (the key service's POST /v1/verify), and
 * whose cache a RevocationListener keeps current. Global: the guard works in every module of the app.
 * See docs/bearer-auth.md.
 */
@Module({})
export class BearerAuthModule {
  static forRoot(options: BearerAuthOptions): DynamicModule {
    validateBearerAuthOptions(options);
    return BearerAuthModule.build(options.mode, [], { provide: BEARER_AUTH_OPTIONS, useValue: options });
  }

  static forRootAsync<M extends BearerAuthMode>(options: BearerAuthAsyncOptions<M>): DynamicModule {
    return BearerAuthModule.build(options.mode, options.imports ?? [], {
      provide: BEARER_AUTH_OPTIONS,
      inject: options.inject ?? [],
      useFactory: async (...args: never[]) =>
        validateBearerAuthOptions({ ...(await options.useFactory(...args)), mode: options.mode } as unknown as BearerAuthOptions),
    });
  }

  /**
   * Local verification without cache or listener (the key service run without Kafka, e.g. by the CLI).
   * Same as forRoot({ mode: 'local', bcryptCost, clock, cache: false, revocations: false }).
   */
  static forLocal(options: Pick<LocalBearerAuthOptions, 'bcryptCost' | 'clock'>): DynamicModule {
    return BearerAuthModule.forRoot({ mode: 'local', bcryptCost: options.bcryptCost, clock: options.clock, cache: false, revocations: false });
  }

  private static build(mode: BearerAuthMode, imports: NonNullable<ModuleMetadata['imports']>, optionsProvider: Provider): DynamicModule {
    const ledger: Provider =
      mode === 'local'
        ? {
            provide: CREDIT_LEDGER,
            inject: [getConnectionToken(), CLOCK],
            useFactory: (connection: Connection, clock: Clock) => {
              const ledger = new MongoCreditLedger(connection, clock === systemClock ? Date.now : () => clock.now().getTime());
              ledger.start();
              return ledger;
            },
          }
        : { provide: CREDIT_LEDGER, useValue: null };
    const outcomes: Provider =
      mode === 'local'
        ? {
            provide: OUTCOME_COUNTS,
            inject: [getConnectionToken(), BEARER_AUTH_OPTIONS],
            useFactory: (connection: Connection, o: LocalBearerAuthOptions) =>
              o.outcomeCounts === false ? null : new MongoOutcomeCounts(connection, o.outcomeCounts?.flushIntervalMs),
          }
        : { provide: OUTCOME_COUNTS, useValue: null };
    const backend: Provider =
      mode === 'local'
        ? {
            provide: BACKEND,
            inject: [BEARER_AUTH_OPTIONS, KeyViewReader, { token: METRICS, optional: true }],
            useFactory: (o: LocalBearerAuthOptions, reader: KeyViewReader, metrics?: Metrics): VerificationBackend => {
              const secrets = new BcryptSecretComparer(o.bcryptCost);
              return { keys: new KeyViewSource(reader), secrets: metrics ? timedSecretComparer(secrets, metrics) : secrets };
            },
          }
        : {
            provide: BACKEND,
            inject: [BEARER_AUTH_OPTIONS],
            useFactory: (o: BearerAuthModeOptions<'remote'>) =>
              new RemoteKeyVerifier({ keyServiceUrl: o.keyServiceUrl, timeoutMs: o.timeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS, connections: o.connections }),
          };
    return {
      module: BearerAuthModule,
      global: true,
      imports: [PassportModule, ...imports, ...(mode === 'local' ? [KeyReadModelModule] : [])],
      providers: [
        optionsProvider,
        { provide: CLOCK, inject: [BEARER_AUTH_OPTIONS], useFactory: (o: BearerAuthOptions): Clock => o.clock ?? systemClock },
        backend,
        ledger,
        outcomes,
        { provide: KafkaLiveness, useFactory: () => new KafkaLiveness() },
        {
          provide: KEY_VERIFIER,
          inject: [BEARER_AUTH_OPTIONS, BACKEND, KafkaLiveness, CLOCK, CREDIT_LEDGER, OUTCOME_COUNTS, { token: METRICS, optional: true }, { token: KeyViewReader, optional: true }],
          useFactory: (
            o: BearerAuthOptions,
            backend: VerificationBackend | RemoteKeyVerifier,
            liveness: KafkaLiveness,
            clock: Clock,
            credits: MongoCreditLedger | null,
            outcomes: MongoOutcomeCounts | null,
            metrics?: Metrics,
            reader?: KeyViewReader,
          ) => {
            const pipeline = new VerificationPipeline({
              credits: credits ?? undefined,
              outcomes: outcomes ?? undefined,
              backend: backend instanceof RemoteKeyVerifier ? { ask: (token, clientIp) => backend.verify(token, [], clientIp) } : backend,
              cache: cacheOptionsOf(o),
              freshness: o.revocations ? liveness : NO_FRESHNESS_SOURCE,
              throttle: o.throttle === false ? null : { ...DEFAULT_THROTTLE_OPTIONS, ...o.throttle },
              clock,
              confirmVersion: o.mode === 'local' && o.confirmCachedVersion ? (keyId) => reader!.versionOf(keyId) : undefined,
              // The host app's registry (MetricsModule of @pxxl/http), when it has one.
              observer: metrics ? verificationObserver(metrics) : undefined,
            });
            if (metrics && cacheOptionsOf(o)) observeVerdictCache(metrics, pipeline);
            return pipeline;
          },
        },
        { provide: KEY_CACHE, useExisting: KEY_VERIFIER },
        {
          provide: REVOCATION_LISTENER,
          inject: [BEARER_AUTH_OPTIONS, KEY_CACHE, KafkaLiveness, { token: METRICS, optional: true }],
          useFactory: (o: BearerAuthOptions, cache: KeyCache, liveness: KafkaLiveness, metrics?: Metrics) =>
            o.revocations && cacheOptionsOf(o) ? new RevocationListener(o.revocations, cache, liveness, metrics) : null,
        },
        {
          provide: BEARER_AUTH_HEALTH_CHECK,
          inject: [BEARER_AUTH_OPTIONS, KafkaLiveness],
          useFactory: (o: BearerAuthOptions, liveness: KafkaLiveness): HealthCheck => ({
            name: 'revocations',
            check: async () => {
              const cache = cacheOptionsOf(o);
              if (!cache || !o.revocations) return { ok: true, detail: 'no revocation listener' };
              const silentMs = Date.now() - liveness.lastHeardAt();
              return silentMs <= cache.maxStalenessMs
                ? { ok: true }
                : { ok: false, detail: `no word from Kafka for over ${cache.maxStalenessMs} ms: cached keys are being re-checked` };
            },
          }),
        },
        PxxlBearerStrategy,
        ApiKeyGuard,
      ],
      exports: [KEY_VERIFIER, KEY_CACHE, OUTCOME_COUNTS, REVOCATION_LISTENER, BEARER_AUTH_HEALTH_CHECK, ApiKeyGuard, CLOCK],
    };
  }
}
