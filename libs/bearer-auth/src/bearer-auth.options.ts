import type { Clock } from '@pxxl/contracts';
import { DEFAULT_CACHE_OPTIONS, type CacheOptions, type ThrottleOptions } from '@pxxl/verification';
import type { RevocationListenerOptions } from './revocation/revocation-listener';

interface CommonOptions {
  /** The in-process cache of answers; `false` verifies every request with the backend. Defaults: DEFAULT_CACHE_OPTIONS. */
  cache?: Partial<CacheOptions> | false;
  /**
   * The revocation listener (Kafka). Without it (`false`), a cached VALID
   * answer is trusted only for `cache.maxStalenessMs` after it was checked.
   */
  revocations: RevocationListenerOptions | false;
  /** The time source for expiry, grace and cache lifetimes (tests inject a controllable one). */
  clock?: Clock;
  /**
   * Brute-force protection (the pipeline's throttle step): wrong secrets per key id
   * and window before that key id is refused (429) without a check (default 10 per
   * minute), and, in local mode, checks of key ids that do not exist per caller
   * address before that address's unknown key ids are refused (default 100 per
   * minute; a key that verifies is never refused by it). `false` turns it off.
   */
  throttle?: Partial<ThrottleOptions> | false;
}

/** For services inside the trust boundary: read the MongoDB read model and check bcrypt here. Needs a mongoose connection in the app. */
export interface LocalBearerAuthOptions extends CommonOptions {
  mode: 'local';
  /** bcrypt cost of the dummy hash compared for unknown keys: the cost keys are hashed with. */
  bcryptCost: number;
  /** Verification outcomes per key and day, written rolled up every `flushIntervalMs` (default 10 s); `false`: not counted. */
  outcomeCounts?: { flushIntervalMs?: number } | false;
  /**
   * Serve a cached VALID answer only while the read model still holds the key at the version it
   * saw (one `_id` read per hit, no bcrypt). The key service sets it, so that with several
   * instances a change answered by one is enforced by every other at once (default false).
   */
  confirmCachedVersion?: boolean;
}

/** For any other service: ask the key service's `POST /v1/verify`. */
export interface RemoteBearerAuthOptions extends CommonOptions {
  mode: 'remote';
  /** e.g. http://key-service:3000 */
  keyServiceUrl: string;
  /** Bound on one round trip to the key service, connect included (default 2000). */
  timeoutMs?: number;
  /** Keep-alive sockets to the key service (default 32). */
  connections?: number;
}

export type BearerAuthMode = 'local' | 'remote';
export type BearerAuthOptions = LocalBearerAuthOptions | RemoteBearerAuthOptions;
export type BearerAuthModeOptions<M extends BearerAuthMode> = Extract<BearerAuthOptions, { mode: M }>;

export const BEARER_AUTH_OPTIONS = 'BEARER_AUTH_OPTIONS';
export const DEFAULT_REMOTE_TIMEOUT_MS = 2000;

export class BearerAuthOptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid BearerAuthModule options:\n  - ${problems.join('\n  - ')}`);
    this.name = 'BearerAuthOptionsError';
  }
}

/** Fails at boot, naming every bad option at once. */
export function validateBearerAuthOptions(options: BearerAuthOptions): BearerAuthOptions {
  const problems: string[] = [];
  const positiveInt = (name: string, value: unknown, max = Number.MAX_SAFE_INTEGER) => {
    if (value !== undefined && !(Number.isInteger(value) && (value as number) > 0 && (value as number) <= max)) {
      problems.push(`${name}: must be a positive integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}`);
    }
  };
  if (options.mode === 'local') {
    if (!Number.isInteger(options.bcryptCost) || options.bcryptCost < 4 || options.bcryptCost > 15) {
      problems.push('bcryptCost: must be an integer from 4 to 15');
    }
  } else if (options.mode === 'remote') {
    if (!/^https?:\/\/[^\s/]+/.test(options.keyServiceUrl ?? '')) problems.push('keyServiceUrl: must be an http(s) URL, e.g. http://key-service:3000');
    positiveInt('timeoutMs', options.timeoutMs, 60_000);
    positiveInt('connections', options.connections, 1024);
  } else {
    problems.push(`mode: must be "local" or "remote"`);
  }
  if (options.cache) {
    for (const name of ['ttlMs', 'negativeTtlMs', 'maxEntries', 'maxStalenessMs'] as const) positiveInt(`cache.${name}`, options.cache[name]);
  }
  if (options.revocations === undefined) {
    problems.push('revocations: give the Kafka brokers and service name, or false to run without a revocation listener');
  } else if (options.revocations) {
    const { brokers, serviceName, maxWaitTimeInMs } = options.revocations;
    if (!Array.isArray(brokers) || brokers.length === 0 || brokers.some((b) => !/^[^\s:,]+:\d{1,5}$/.test(b))) {
      problems.push('revocations.brokers: must be a non-empty list of host:port');
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$/.test(serviceName ?? '')) problems.push('revocations.serviceName: letters, digits, - and _ (1-60)');
    positiveInt('revocations.maxWaitTimeInMs', maxWaitTimeInMs, 500);
  }
  if (problems.length > 0) throw new BearerAuthOptionsError(problems);
  return options;
}

export function cacheOptionsOf(options: BearerAuthOptions): CacheOptions | null {
  return options.cache === false ? null : { ...DEFAULT_CACHE_OPTIONS, ...options.cache };
}
