import { loadConfig, readHttpConfig, readKafkaConnectionConfig, readMongoUri, type HttpConfig, type KafkaConnectionConfig } from '@pxxl/config';

export interface DeployStatusConfig {
  http: HttpConfig;
  /** Names this service's revocation listener groups (`<name>.revocations.<host>.<pid>.<random>`). */
  serviceName: string;
  /** remote: ask the key service; local: read the read model (inside the trust boundary only). */
  mode: 'remote' | 'local';
  keyServiceUrl: string;
  mongoUri: string;
  bcryptCost: number;
  kafka: KafkaConnectionConfig;
  maxStalenessMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export function loadDeployStatusConfig(source: Record<string, string | undefined> = process.env): DeployStatusConfig {
  return loadConfig((env) => {
    const mode = env.oneOf('BEARER_AUTH_MODE', ['remote', 'local'] as const, 'remote');
    return {
      http: readHttpConfig(env, 3010),
      serviceName: env.string('SERVICE_NAME', { default: 'deploy-status', pattern: /^[A-Za-z0-9_-]{1,60}$/ }),
      mode,
      keyServiceUrl: env.string('KEY_SERVICE_URL', { default: 'http://127.0.0.1:3000', pattern: /^https?:\/\/\S+$/ }),
      mongoUri: mode === 'local' ? readMongoUri(env, 'local mode reads the key read model') : '',
      bcryptCost: env.int('BCRYPT_COST', { default: 10, min: 4, max: 15 }),
      kafka: readKafkaConnectionConfig(env),
      maxStalenessMs: env.int('AUTH_MAX_STALENESS_MS', { default: 5000, min: 100, max: 600_000 }),
      logLevel: env.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    };
  }, source);
}
