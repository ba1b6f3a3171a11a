import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@pxxl/http';
import { JsonLogger } from '@pxxl/observability';
import type { ProjectorConfig } from './projector.config';
import { ProjectorModule } from './projector.module';

/** The projector: a Kafka consumer with a small HTTP server for its health endpoint. */
export function createProjectorApp(config: ProjectorConfig, logger: LoggerService = new JsonLogger('projector', config.logLevel)): Promise<NestFastifyApplication> {
  return createHttpApp(ProjectorModule.forRoot(config), { logger, trustedProxies: config.http.trustedProxies });
}
