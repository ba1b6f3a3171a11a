import { parseCosignatureVerifierKey, parseSignerKey } from '@pxxl/audit-trail';
import { loadConfig, readHttpConfig, readInfrastructureConfig, type EnvReader, type HttpConfig, type InfrastructureConfig } from '@pxxl/config';

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
    /** The witnesses whose cosignatures are accepted (`AUDIT_WITNESS_KEYS` or `AUDIT_WITNESS_KEYS_FILE`): cosignature/v1 verifier keys. */
    witnessKeys: string[];
  };
}

/**
 * C2SP cosignature/v1 verifier keys, `<name>+<hash>+<base64(0x04 || key)>`, separated by commas or
 * newlines, inline or from a file (`#` starts a comment line); none: no cosignature is accepted.
 */
function readWitnessKeys(env: EnvReader): string[] {
  if (env.isSet('AUDIT_WITNESS_KEYS') && env.isSet('AUDIT_WITNESS_KEYS_FILE')) {
    env.problem('AUDIT_WITNESS_KEYS', 'set either AUDIT_WITNESS_KEYS or AUDIT_WITNESS_KEYS_FILE, not both');
    return [];
  }
  const inline = env.isSet('AUDIT_WITNESS_KEYS') ? env.string('AUDIT_WITNESS_KEYS') : undefined;
  const file = env.fileContents('AUDIT_WITNESS_KEYS_FILE');
  const variable = inline !== undefined ? 'AUDIT_WITNESS_KEYS' : 'AUDIT_WITNESS_KEYS_FILE';
  const keys = (inline ?? file ?? '')
    .split(/[,\n]/)
    .map((key) => key.trim())
    .filter((key) => key !== '' && !key.startsWith('#'));
  const ids = new Set<string>();
  for (const key of keys) {
    try {
      const id = parseCosignatureVerifierKey(key).id;
      if (ids.has(id)) env.problem(variable, `${id} is listed twice`);
      ids.add(id);
    } catch (error) {
      env.problem(variable, `"${key.slice(0, 80)}": ${(error as Error).message}`);
    }
  }
  return keys;
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
        witnessKeys: readWitnessKeys(env),
      },
    }),
    source,
  );
}
