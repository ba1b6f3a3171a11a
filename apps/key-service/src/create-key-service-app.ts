import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Clock } from '@pxxl/contracts';
import { createHttpApp, exactContract } from '@pxxl/http';
import { JsonLogger } from '@pxxl/observability';
import type { KeyServiceConfig } from './key-service.config';
import { KeyServiceModule } from './key-service.module';
import { DASHBOARD_PREFIX, installDashboardHeaders } from './dashboard/http/security-headers';
import { KEY_SERVICE_BROWSER_USE_LISTENER, keyErrorMapper, keyErrorStatus, serveVerifyFromFastify } from './keys';
import { reviewErrorMapper, reviewErrorStatus } from './reviews';
import type { ErrorMapper } from '@pxxl/http';

/** The app answers the reviews module's errors first, then the keys module's. */
export const serviceErrorMapper: ErrorMapper = (error) => reviewErrorMapper(error) ?? keyErrorMapper(error);
const serviceErrorStatus = (code: string) => reviewErrorStatus(code) ?? keyErrorStatus(code);

export interface KeyServiceAppOptions {
  logger?: LoggerService;
  /** Tests inject a controllable clock; production uses the system clock. */
  clock?: Clock;
}

/** The key service as a Nest app, not yet listening: main.ts and the e2e tests both start it from here. */
export async function createKeyServiceApp(config: KeyServiceConfig, options: KeyServiceAppOptions = {}): Promise<NestFastifyApplication> {
  const app = await createHttpApp(KeyServiceModule.forRoot(config, { http: true, clock: options.clock }), {
    logger: options.logger ?? new JsonLogger('key-service', config.logLevel),
    errorMapper: serviceErrorMapper,
    browserUseListener: KEY_SERVICE_BROWSER_USE_LISTENER,
    // The dashboard's pages post HTML forms; its sign-in form is where a person pastes a key.
    formPaths: { prefix: `${DASHBOARD_PREFIX}/`, keyEntryRoutes: [`POST ${DASHBOARD_PREFIX}/sign-in`] },
    trustedProxies: config.http.trustedProxies,
  });
  installDashboardHeaders(app.getHttpAdapter().getInstance());
  // Before Nest registers its routes (on init): POST /v1/verify is then served without Nest's per-request layers.
  serveVerifyFromFastify(app);
  const generated = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pxxl Keys')
      .setDescription('Create, rotate, revoke and verify Pxxl platform API keys. Errors are {code, message, details}; see docs/api.md.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a Pxxl key: pxxl_<keyId>_<secret>' })
      .build(),
  );
  const document = exactContract(generated, { statusOf: serviceErrorStatus, sourceLimit: true, browserUse: true });
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
