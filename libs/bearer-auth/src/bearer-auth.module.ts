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
import { CachingKeyVerifier, KEY_CACHE, type KeyCache, type KeyCacheStats } from './cache/caching-key-verifier';
import { NO_FRESHNESS_SOURCE } from './cache/freshness-source';
import { KafkaLiveness } from './revocation/kafka-liveness';
import { DEFAULT_THROTTLE_OPTIONS, ThrottledKeyVerifier } from './throttle/throttled-key-verifier';
import { RevocationListener } from './revocation/revocation-listener';
import { KEY_VERIFIER, type KeyVerifier } from './verification/key-verifier';
import { BCRYPT_COST, LocalKeyVerifier } from './verification/local-key-verifier';
import { RemoteKeyVerifier } from './verification/remote-key-verifier';

/** The RevocationListener of the app, or null when it runs without one. */
export const REVOCATION_LISTENER = 'REVOCATION_LISTENER';
/** A HealthCheck (@pxxl/http) that fails while cached keys cannot be vouched for by Kafka. */
export const BEARER_AUTH_HEALTH_CHECK = 'BEARER_AUTH_HEALTH_CHECK';
const BACKEND_VERIFIER = 'BEARER_BACKEND_VERIFIER';

export interface BearerAuthAsyncOptions<M extends BearerAuthMode> extends Pick<ModuleMetadata, 'imports'> {
  /** Given here, not by the factory: it decides which providers the module needs. */
  mode: M;
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...args: never[]) => Omit<BearerAuthModeOptions<M>, 'mode'> | Promise<Omit<BearerAuthModeOptions<M>, 'mode'>>;
}

const NO_CACHE: KeyCache = {
  invalidateKey: () => undefined,
  stats: (): KeyCacheStats => ({ hits: 0, lookups: 0, joined: 0, refreshedStale: 0, invalidations: 0, entries: 0 }),
};

/**
 * Bearer authentication for NestJS apps: a passport-http-bearer strategy,
 * ApiKeyGuard, @RequireScopes and @CurrentKey, backed by a KeyVerifier that
 * is either `local` (MongoDB read model + bcrypt; the app must have a mongoose
 * connection, e.g. MongoModule.forRoot) or `remote` (the key service's
 * POST /v1/verify), wrapped in a CachingKeyVerifier kept current by a
 * RevocationListener. Global: the guard works in every module of the app.
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
   * Local verification without cache or listener: what the key service uses
   * until it invalidates its own cache after each command (#3).
   * Same as forRoot({ mode: 'local', bcryptCost, clock, cache: false, revocations: false }).
   */
  static forLocal(options: Pick<LocalBearerAuthOptions, 'bcryptCost' | 'clock'>): DynamicModule {
    return BearerAuthModule.forRoot({ mode: 'local', bcryptCost: options.bcryptCost, clock: options.clock, cache: false, revocations: false });
  }

  private static build(mode: BearerAuthMode, imports: NonNullable<ModuleMetadata['imports']>, optionsProvider: Provider): DynamicModule {
    const backend: Provider[] =
      mode === 'local'
        ? [
            { provide: BCRYPT_COST, inject: [BEARER_AUTH_OPTIONS], useFactory: (o: LocalBearerAuthOptions) => o.bcryptCost },
            LocalKeyVerifier,
            { provide: BACKEND_VERIFIER, useExisting: LocalKeyVerifier },
          ]
        : [
            {
              provide: BACKEND_VERIFIER,
              inject: [BEARER_AUTH_OPTIONS],
              useFactory: (o: BearerAuthModeOptions<'remote'>) =>
                new RemoteKeyVerifier({ keyServiceUrl: o.keyServiceUrl, timeoutMs: o.timeoutMs ?? DEFAULT_REMOTE_TIMEOUT_MS, connections: o.connections }),
            },
          ];
    return {
      module: BearerAuthModule,
      global: true,
      imports: [PassportModule, ...imports, ...(mode === 'local' ? [KeyReadModelModule] : [])],
      providers: [
        optionsProvider,
        { provide: CLOCK, inject: [BEARER_AUTH_OPTIONS], useFactory: (o: BearerAuthOptions): Clock => o.clock ?? systemClock },
        ...backend,
        { provide: KafkaLiveness, useFactory: () => new KafkaLiveness() },
        {
          provide: KEY_VERIFIER,
          inject: [BEARER_AUTH_OPTIONS, BACKEND_VERIFIER, KafkaLiveness, CLOCK],
          useFactory: (o: BearerAuthOptions, backend: KeyVerifier, liveness: KafkaLiveness, clock: Clock): KeyVerifier => {
            const now = clock === systemClock ? Date.now : () => clock.now().getTime();
            // Cache first, then the throttle: a warm key never meets the throttle of its id.
            const verifier = o.throttle === false ? backend : new ThrottledKeyVerifier(backend, { ...DEFAULT_THROTTLE_OPTIONS, ...o.throttle }, now);
            const cache = cacheOptionsOf(o);
            if (!cache) return verifier;
            const currentVersion =
              o.mode === 'local' && o.confirmCachedVersion && backend instanceof LocalKeyVerifier ? (keyId: string) => backend.versionOf(keyId) : undefined;
            return new CachingKeyVerifier(verifier, cache, o.revocations ? liveness : NO_FRESHNESS_SOURCE, now, currentVersion);
          },
        },
        {
          provide: KEY_CACHE,
          inject: [KEY_VERIFIER],
          useFactory: (verifier: KeyVerifier): KeyCache => (verifier instanceof CachingKeyVerifier ? verifier : NO_CACHE),
        },
        {
          provide: REVOCATION_LISTENER,
          inject: [BEARER_AUTH_OPTIONS, KEY_CACHE, KafkaLiveness],
          useFactory: (o: BearerAuthOptions, cache: KeyCache, liveness: KafkaLiveness) =>
            o.revocations && cacheOptionsOf(o) ? new RevocationListener(o.revocations, cache, liveness) : null,
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
      exports: [KEY_VERIFIER, KEY_CACHE, REVOCATION_LISTENER, BEARER_AUTH_HEALTH_CHECK, ApiKeyGuard, CLOCK],
    };
  }
}
