import { Controller, DynamicModule, Get, Inject, Module, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
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

function healthSchema(status: 'ok' | 'degraded') {
  return {
    type: 'object',
    required: ['status', 'checks'],
    properties: {
      status: { type: 'string', enum: [status] },
      checks: {
        type: 'object',
        additionalProperties: { type: 'object', required: ['ok'], properties: { ok: { type: 'boolean' }, detail: { type: 'string' } } },
        example: { mongo: { ok: true }, kafka: { ok: true } },
      },
    },
  };
}

@Controller('health')
class HealthController {
  constructor(@Inject(HEALTH_CHECKS) private readonly checks: HealthCheck[]) {}

  /** 200 when every dependency answers, 503 otherwise; the body says which. */
  @Get()
  @ApiOperation({ operationId: 'Health_check', summary: 'Whether every dependency answers' })
  @ApiResponse({ status: 200, description: 'every dependency answers', schema: healthSchema('ok') })
  @ApiResponse({ status: 503, description: 'a dependency does not answer: the body names it', schema: healthSchema('degraded') })
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
