import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@pxxl/http';
import { JsonLogger } from '@pxxl/observability';
import type { KeyServiceConfig } from './key-service.config';
import { KeyServiceModule } from './key-service.module';
import { keyErrorMapper } from './keys/http/key-error.mapper';

/** The key service as a Nest app, not yet listening: main.ts and the e2e tests both start it from here. */
export function createKeyServiceApp(config: KeyServiceConfig, logger: LoggerService = new JsonLogger('key-service', config.logLevel)): Promise<NestFastifyApplication> {
  return createHttpApp(KeyServiceModule.forRoot(config), { logger, errorMapper: keyErrorMapper });
}
