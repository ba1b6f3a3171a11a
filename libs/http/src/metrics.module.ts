import { Controller, DynamicModule, Get, Inject, Module, Res } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { METRICS, Metrics, type CounterCell, type HistogramCell } from '@pxxl/observability';
import type { FastifyInstance, FastifyReply } from 'fastify';

export { METRICS, Metrics };

@Controller('metrics')
class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  /** Prometheus text format; no authentication: restrict it at the network (docs/operations.md). */
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics of this app (text format 0.0.4); not authenticated: keep it on the internal network' })
  @ApiOkResponse({
    description: 'the exposition: pxxl_keys_* series and Node process metrics (docs/operations.md lists them)',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async metricsText(@Res() reply: FastifyReply): Promise<void> {
    void reply.status(200).header('content-type', this.metrics.contentType).send(await this.metrics.exposition());
  }
}

/**
 * GET /metrics and the app's Metrics (its own prom-client registry), global:
 * any lib of the app injects METRICS (optionally) and adds its series there.
 */
@Module({})
export class MetricsModule {
  static forApp(app: string, metrics: Metrics = new Metrics(app)): DynamicModule {
    return { module: MetricsModule, global: true, controllers: [MetricsController], providers: [{ provide: METRICS, useValue: metrics }], exports: [METRICS] };
  }
}

const UNMATCHED = 'unmatched';

/**
 * Counts every answer by method, route template (never the raw URL: ids
 * would make a series each) and status, and times it. Installed by
 * createHttpApp when the app has a MetricsModule.
 */
export function installHttpMetrics(fastify: FastifyInstance, metrics: Metrics): void {
  const requests = metrics.hotCounter('httpRequests');
  const durations = metrics.hotHistogram('httpDuration');
  const counted = new Map<string, CounterCell>();
  const timed = new Map<string, HistogramCell>();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED;
    const method = request.method;
    const status = reply.statusCode;
    const routeKey = `${method} ${route}`;
    const key = `${routeKey} ${status}`;
    let cell = counted.get(key);
    if (!cell) counted.set(key, (cell = requests.bind({ method, route, status: String(status) })));
    cell.inc();
    let timer = timed.get(routeKey);
    if (!timer) timed.set(routeKey, (timer = durations.bind({ method, route })));
    timer.observe(reply.elapsedTime / 1000);
    done();
  });
}

/** The app's Metrics when it imported MetricsModule, else null. */
export function metricsOf(app: INestApplication): Metrics | null {
  try {
    return app.get<string, Metrics>(METRICS, { strict: false });
  } catch {
    return null;
  }
}
