import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Clock } from '@pxxl/contracts';
import { createHttpApp } from '@pxxl/http';
import { JsonLogger } from '@pxxl/observability';
import type { AuditConfig } from './audit.config';
import { AuditModule } from './audit.module';
import { auditErrorMapper } from './audit-trail/http/audit-error.mapper';

export interface AuditAppOptions {
  logger?: LoggerService;
  /** Tests inject a controllable clock (recordedAt, review report); production uses the system clock. */
  clock?: Clock;
}

/** The audit app, not yet listening: main.ts and the e2e tests both start it from here. */
export function createAuditApp(config: AuditConfig, options: AuditAppOptions | LoggerService = {}): Promise<NestFastifyApplication> {
  const { logger, clock } = isLogger(options) ? { logger: options, clock: undefined } : options;
  return createHttpApp(AuditModule.forRoot(config, { clock }), {
    logger: logger ?? new JsonLogger('audit', config.logLevel),
    errorMapper: auditErrorMapper,
    trustedProxies: config.http.trustedProxies,
  });
}

function isLogger(value: AuditAppOptions | LoggerService): value is LoggerService {
  return typeof (value as LoggerService).log === 'function';
}
