import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@pxxl/http';
import { JsonLogger } from '@pxxl/observability';
import type { AuditConfig } from './audit.config';
import { AuditModule } from './audit.module';

export function createAuditApp(config: AuditConfig, logger: LoggerService = new JsonLogger('audit', config.logLevel)): Promise<NestFastifyApplication> {
  return createHttpApp(AuditModule.forRoot(config), { logger });
}
