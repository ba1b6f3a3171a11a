import { loadConfig, readHttpConfig, readInfrastructureConfig, type HttpConfig, type InfrastructureConfig } from '@pxxl/config';

export interface ProjectorConfig extends InfrastructureConfig {
  http: HttpConfig;
  groupId: string;
}

export function loadProjectorConfig(source: Record<string, string | undefined> = process.env): ProjectorConfig {
  return loadConfig(
    (env) => ({
      ...readInfrastructureConfig(env, 'projector'),
      http: readHttpConfig(env, 3001),
      groupId: env.string('PROJECTOR_GROUP_ID', { default: 'pxxl-keys-projector' }),
    }),
    source,
  );
}
