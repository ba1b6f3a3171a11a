import { loadConfig, readHttpConfig, readInfrastructureConfig, type InfrastructureConfig } from '@pxxl/config';

export interface AuditConfig extends InfrastructureConfig {
  http: { host: string; port: number };
  groupId: string;
}

export function loadAuditConfig(source: Record<string, string | undefined> = process.env): AuditConfig {
  return loadConfig(
    (env) => ({
      ...readInfrastructureConfig(env, 'audit'),
      http: readHttpConfig(env, 3002),
      groupId: env.string('AUDIT_GROUP_ID', { default: 'pxxl-keys-audit' }),
    }),
    source,
  );
}
