import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Clock } from '@pxxl/contracts';
import { createHttpApp, exactContract } from '@pxxl/http';
import { JsonLogger } from '@pxxl/observability';
import type { AuditConfig } from './audit.config';
import { AuditModule } from './audit.module';
import { COSIGNATURES_PATH } from './audit-trail/commands/add-cosignatures/add-cosignatures.controller';
import { auditErrorMapper, auditErrorStatus } from './audit-trail/http/audit-error.mapper';

export interface AuditAppOptions {
  logger?: LoggerService;
  /** Tests inject a controllable clock (recordedAt, review report); production uses the system clock. */
  clock?: Clock;
}

/** The audit app, not yet listening: main.ts and the e2e tests both start it from here. */
export async function createAuditApp(config: AuditConfig, options: AuditAppOptions | LoggerService = {}): Promise<NestFastifyApplication> {
  const { logger, clock } = isLogger(options) ? { logger: options, clock: undefined } : options;
  const app = await createHttpApp(AuditModule.forRoot(config, { clock }), {
    logger: logger ?? new JsonLogger('audit', config.logLevel),
    errorMapper: auditErrorMapper,
    trustedProxies: config.http.trustedProxies,
    textPaths: [COSIGNATURES_PATH],
  });
  // The reviewer API's contract, served like the key service's (docs/audit.md has the prose).
  const generated = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pxxl Keys audit trail')
      .setDescription('The reviewer API: the trail, its export, integrity, review report, signed checkpoints and RFC 9162 proofs. Errors are {code, message, details}; see docs/audit.md.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a Pxxl key holding audit:read' })
      .build(),
  );
  SwaggerModule.setup('docs', app, exactContract(generated, { statusOf: auditErrorStatus, sourceLimit: false, browserUse: true }), { jsonDocumentUrl: 'docs-json' });
  return app;
}

function isLogger(value: AuditAppOptions | LoggerService): value is LoggerService {
  return typeof (value as LoggerService).log === 'function';
}
