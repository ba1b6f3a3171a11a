import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { getConnectionToken } from '@nestjs/mongoose';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JsonLogger } from '@pxxl/observability';
import type { Connection } from 'mongoose';
import { createAuditApp } from '../../apps/audit/src/create-audit-app';
import { loadAuditConfig } from '../../apps/audit/src/audit.config';
import { createKeyServiceApp } from '../../apps/key-service/src/create-key-service-app';
import { loadKeyServiceConfig, type KeyServiceConfig } from '../../apps/key-service/src/key-service.config';
import { BootstrapWorkspaceCommand } from '../../apps/key-service/src/keys/commands/bootstrap-workspace/bootstrap-workspace.command';
import type { CreateKeyResult } from '../../apps/key-service/src/keys/commands/create-key/create-key.result';
import { createProjectorApp } from '../../apps/projector/src/create-projector-app';
import { loadProjectorConfig } from '../../apps/projector/src/projector.config';
import { appendFileSync } from 'node:fs';
import { logFile } from './secret-ledger';
import { httpRequest, type RequestOptions, type TestResponse } from './http';
import { TestClock } from './test-clock';
import { isolatedEnv } from './test-infra';

export type AppName = 'key-service' | 'projector' | 'audit';

/**
 * Appends a log line for the end-of-suite secret scan. A client that logs after the suite's
 * teardown (a Kafka socket noticing the stopped broker) finds the scan over and its folder gone:
 * that line has nowhere to go, and must not crash the run.
 */
function writeForScan(file: string, line: string): void {
  try {
    appendFileSync(file, line + '\n');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Log lines of every app in the stack, kept for assertions and written for the end-of-suite secret scan. */
export class CapturedLogs {
  readonly lines: string[] = [];
  private readonly file = logFile('in-process-apps');

  logger(app: string): JsonLogger {
    return new JsonLogger(app, 'info', (line) => {
      this.lines.push(line);
      if (this.file) writeForScan(this.file, line);
      if (process.env.PXXL_TEST_LOGS) process.stderr.write(line + '\n');
    });
  }
}

/**
 * The three apps, in this process, on real Kafka and FerretDB: key-service
 * listening on a free port, projector and audit consuming. Apps can be
 * stopped and started again on the same topic and database (crash tests).
 */
export class TestStack {
  readonly logs = new CapturedLogs();
  /** The key-service's clock: advance it to test expiry and grace periods without sleeping. */
  readonly clock = new TestClock();
  private readonly apps = new Map<AppName, NestFastifyApplication>();
  url = '';
  /** The audit app's reviewer API (it listens too). */
  auditUrl = '';

  constructor(readonly env: Record<string, string>) {}

  static async start(options: { apps?: AppName[]; env?: Record<string, string> } = {}): Promise<TestStack> {
    const stack = new TestStack(isolatedEnv(options.env));
    for (const app of options.apps ?? ['projector', 'audit', 'key-service']) await stack.startApp(app);
    return stack;
  }

  /** The dashboard calls the audit app of this stack (when it runs) unless the env names another. */
  get keyServiceConfig(): KeyServiceConfig {
    return loadKeyServiceConfig(this.auditUrl ? { AUDIT_URL: this.auditUrl, ...this.env } : this.env);
  }

  async startApp(name: AppName): Promise<NestFastifyApplication> {
    let app: NestFastifyApplication;
    if (name === 'key-service') {
      app = await createKeyServiceApp(this.keyServiceConfig, { logger: this.logs.logger(name), clock: this.clock });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.getHttpServer().address() as { port: number };
      this.url = `http://127.0.0.1:${address.port}`;
    } else if (name === 'projector') {
      app = await createProjectorApp(loadProjectorConfig(this.env), this.logs.logger(name));
      await app.init();
    } else {
      app = await createAuditApp(loadAuditConfig(this.env), { logger: this.logs.logger(name), clock: this.clock });
      await app.listen({ host: '127.0.0.1', port: 0 });
      this.auditUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    }
    this.apps.set(name, app);
    return app;
  }

  app(name: AppName): INestApplication {
    const app = this.apps.get(name);
    if (!app) throw new Error(`${name} is not running`);
    return app;
  }

  async stopApp(name: AppName): Promise<void> {
    const app = this.apps.get(name);
    this.apps.delete(name);
    await app?.close();
  }

  async stop(): Promise<void> {
    for (const name of [...this.apps.keys()]) await this.stopApp(name);
  }

  /** A mongoose connection of a running app, for looking at stored documents. */
  db(name: AppName = 'key-service'): Connection {
    return this.app(name).get<Connection>(getConnectionToken());
  }

  async bootstrap(workspaceId: string, force = false): Promise<CreateKeyResult> {
    return this.app('key-service').get(CommandBus).execute(new BootstrapWorkspaceCommand(workspaceId, force));
  }

  /** An HTTP call to the key service, or with `app: 'audit'` to the audit app. */
  request(method: string, path: string, options: RequestOptions & { app?: 'key-service' | 'audit' } = {}): Promise<TestResponse> {
    return httpRequest(options.app === 'audit' ? this.auditUrl : this.url, method, path, options);
  }
}
