import { parseSignerKey } from '@pxxl/audit-trail';
import { loadConfig, readHttpConfig, readInfrastructureConfig, type HttpConfig, type InfrastructureConfig } from '@pxxl/config';

export interface AuditConfig extends InfrastructureConfig {
  http: HttpConfig;
  groupId: string;
  /** bcrypt cost of the dummy hash compared for unknown reviewer keys: the cost keys are hashed with. */
  bcryptCost: number;
  headPublishIntervalMs: number;
  reconcileIntervalMs: number;
  reconcileGraceMs: number;
  checkpoints: {
    /** `AUDIT_LOG_ORIGIN`: a checkpoint's origin is `<this>/<workspaceId>`. */
    originPrefix: string;
    /** The note signer key read from `AUDIT_SIGNING_KEY_FILE` (`PRIVATE+KEY+<name>+<hash>+<key>`); null: no checkpoints. */
    signerKey: string | null;
    intervalMs: number;
  };
}

function signerKeyProblem(contents: string): string | null {
  try {
    parseSignerKey(contents);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
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
      checkpoints: {
        originPrefix: env.string('AUDIT_LOG_ORIGIN', { default: 'pxxl-keys.localhost/audit', pattern: /^[A-Za-z0-9._~:/-]{1,200}$/, hint: 'a URL-like name without a scheme, such as keys.example.com/audit' }).replace(/\/+$/, ''),
        signerKey: env.fileContents('AUDIT_SIGNING_KEY_FILE', signerKeyProblem)?.trim() ?? null,
        intervalMs: env.int('AUDIT_CHECKPOINT_INTERVAL_MS', { default: 60000, min: 100, max: 86400000 }),
      },
    }),
    source,
  );
}
