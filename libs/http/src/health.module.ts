import { Controller, DynamicModule, Get, Inject, Module, Res } from '@nestjs/common';
import type { HealthCheck } from '@pxxl/observability';
import type { FastifyReply } from 'fastify';

export type { HealthCheck };

export const HEALTH_CHECKS = 'HEALTH_CHECKS';
const CHECK_TIMEOUT_MS = 2000;

async function run(check: HealthCheck): Promise<{ ok: boolean; detail?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ ok: boolean; detail: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.check(), timeout]);
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

@Controller('health')
class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  /** 200 when every dependency answers, 503 otherwise; the body says which. */
  @Get()
  async health(@Res() reply: FastifyReply): Promise<void> {
    const results = await Promise.all(this.checks.map(async (c) => [c.name, await run(c)] as const));
    const ok = results.every(([, r]) => r.ok);
    void reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', checks: Object.fromEntries(results) });
  }
}

@Module({})
export class HealthModule {
  /** `checkTokens` name providers (exported by other modules) that each yield a HealthCheck. */
  static forChecks(checkTokens: string[]): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: HEALTH_CHECKS, inject: checkTokens, useFactory: (...checks: HealthCheck[]) => checks }],
    };
  }
}
