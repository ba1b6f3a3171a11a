import { loadConfig, readHttpConfig, readInfrastructureConfig, type HttpConfig, type InfrastructureConfig } from '@pxxl/config';

export interface AuditConfig extends InfrastructureConfig {
  http: HttpConfig;
  groupId: string;
  /** bcrypt cost of the dummy hash compared for unknown reviewer keys: the cost keys are hashed with. */
  bcryptCost: number;
  headPublishIntervalMs: number;
  reconcileIntervalMs: number;
  reconcileGraceMs: number;
}

export function loadAuditConfig(source: Record<string, string | undefined> = process.env): AuditConfig {
  return loadConfig(
    (env) => ({
      ...readInfrastructureConfig(env, 'audit'),
      http: readHttpConfig(env, 3002),
      groupId: env.string('AUDIT_GROUP_ID', { default: 'pxxl-keys-audit' }),
      bcryptCost: env.int('BCRYPT_COST', { default: 10, min: 4, max: 15 }),
      headPublishIntervalMs: env.int('AUDIT_HEAD_PUBLISH_INTERVAL_MS', { default: 3600000, min: 100, max: 86400000 }),
      reconcileIntervalMs: env.int('AUDIT_RECONCILE_INTERVAL_MS', { default: 300000, min: 100, max: 86400000 }),
      reconcileGraceMs: env.int('AUDIT_RECONCILE_GRACE_MS', { default: 60000, min: 0, max: 86400000 }),
    }),
    source,
  );
}
