import { loadConfig, readHttpConfig, readInfrastructureConfig, type HttpConfig, type InfrastructureConfig } from '@pxxl/config';

export interface KeyServiceConfig extends InfrastructureConfig {
  http: HttpConfig;
  bcryptCost: number;
  readYourWritesTimeoutMs: number;
  outboxSweepIntervalMs: number;
  lastUsedFlushIntervalMs: number;
  /** How often each instance looks for keys due an expiry notice (docs/operations.md#expiry-notices). */
  expiryNoticeIntervalMs: number;
  /**
   * `always`: a cached VALID answer is served only while the read model still holds the key at the
   * version it saw (one `_id` read per warm verify), so a change another instance answered for is
   * enforced here at once. `never`: one instance alone (its own commands drop its cache).
   */
  verifyConfirmsReadModel: 'always' | 'never';
  throttle: { failuresPerKeyPerMinute: number; failuresPerSourcePerMinute: number };
  dashboard: DashboardConfig;
}

/** The browser dashboard at /dashboard (docs/dashboard.md). */
export interface DashboardConfig {
  /** The audit app's reviewer API, called with the signed-in key for the review page and key timelines. */
  auditUrl: string;
  idleTimeoutMinutes: number;
  maxLifetimeHours: number;
  /** `auto`: Secure cookies when the request came over TLS (directly or per X-Forwarded-Proto). */
  secureCookies: 'auto' | 'always' | 'never';
}

export function loadKeyServiceConfig(source: Record<string, string | undefined> = process.env): KeyServiceConfig {
  return loadConfig(
    (env) => ({
      ...readInfrastructureConfig(env, 'key-service'),
      http: readHttpConfig(env, 3000),
      bcryptCost: env.int('BCRYPT_COST', { default: 10, min: 4, max: 15 }),
      readYourWritesTimeoutMs: env.int('READ_YOUR_WRITES_TIMEOUT_MS', { default: 5000, min: 0, max: 60000 }),
      outboxSweepIntervalMs: env.int('OUTBOX_SWEEP_INTERVAL_MS', { default: 30000, min: 100, max: 3600000 }),
      lastUsedFlushIntervalMs: env.int('LAST_USED_FLUSH_INTERVAL_MS', { default: 10000, min: 100, max: 60000 }),
      expiryNoticeIntervalMs: env.int('EXPIRY_NOTICE_INTERVAL_MS', { default: 60000, min: 100, max: 86400000 }),
      verifyConfirmsReadModel: env.oneOf('VERIFY_CONFIRMS_READ_MODEL', ['always', 'never'] as const, 'always'),
      throttle: {
        failuresPerKeyPerMinute: env.int('FAILED_ATTEMPTS_PER_KEY_PER_MINUTE', { default: 10, min: 1, max: 100000 }),
        failuresPerSourcePerMinute: env.int('FAILED_ATTEMPTS_PER_SOURCE_PER_MINUTE', { default: 100, min: 1, max: 1000000 }),
      },
      dashboard: {
        auditUrl: env.string('AUDIT_URL', { default: 'http://127.0.0.1:3002', pattern: /^https?:\/\/[^/\s]+\/?$/, hint: 'the audit app, e.g. http://audit:3002' }),
        idleTimeoutMinutes: env.int('DASHBOARD_IDLE_TIMEOUT_MINUTES', { default: 30, min: 1, max: 1440 }),
        maxLifetimeHours: env.int('DASHBOARD_SESSION_MAX_HOURS', { default: 12, min: 1, max: 168 }),
        secureCookies: env.oneOf('DASHBOARD_SECURE_COOKIES', ['auto', 'always', 'never'] as const, 'auto'),
      },
    }),
    source,
  );
}
