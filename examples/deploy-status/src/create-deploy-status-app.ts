import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@pxxl/http';
import { JsonLogger } from '@pxxl/observability';
import type { DeployStatusConfig } from './deploy-status.config';
import { DeployStatusModule, type DeployStatusModuleOptions } from './deploy-status.module';

export function createDeployStatusApp(
  config: DeployStatusConfig,
  logger: LoggerService = new JsonLogger('deploy-status', config.logLevel),
  options: DeployStatusModuleOptions = {},
): Promise<NestFastifyApplication> {
  return createHttpApp(DeployStatusModule.forRoot(config, options), { logger, trustedProxies: config.http.trustedProxies });
}
