import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { HotCounter, HotHistogram, ReadSeries, type Reader } from './hot-series';
import { SERIES, type SeriesName, type SeriesSpec } from './series';

/** The injection token of an app's Metrics (MetricsModule of @pxxl/http provides it); optional for every lib. */
export const METRICS = 'PXXL_METRICS';

const MISNAMED_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

let processRegistry: Registry | undefined;

/**
 * Node's default process metrics, collected once per process: they describe
 * the process, not an app, and each collection starts timers and observers
 * (event-loop delay, GC) that nothing stops, so apps restarted in one test
 * process must not add theirs.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    // The event-loop delay is sampled by a timer every 100 ms, not prom-client's 10: at 10 ms it alone
    // kept an idle app at ~0.4% of a core (docs/operations.md, "Idle"); 100 ms still sees any stall.
    collectDefaultMetrics({ register: processRegistry, eventLoopMonitoringPrecision: 100 });
    // Gauges named like counters (promtool check metrics refuses them); the same counts are in
    // nodejs_active_handles{type}, nodejs_active_requests{type} and nodejs_active_resources{type}.
    for (const name of MISNAMED_DEFAULTS) processRegistry.removeSingleMetric(name);
  }
  return processRegistry;
}

/**
 * One app's metrics: its own prom-client Registry (never the global default
 * one, so several apps in one test process keep theirs apart) holding the
 * series of series.ts, created on first use and shared by whoever asks for
 * the same name; its exposition adds the process metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly series = new Map<string, unknown>();
  private readonly process: Registry | null;

  constructor(readonly app: string, options: { processMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels({ app });
    this.process = options.processMetrics ?? true ? processMetrics() : null;
  }

  /** A counter for the cold paths (prom-client's, labels hashed per call). */
  counter(which: SeriesName): Counter<string> {
    return this.once(which, (s) => new Counter({ name: s.name, help: s.help, labelNames: [...s.labelNames], registers: [this.registry] }));
  }

  histogram(which: SeriesName): Histogram<string> {
    return this.once(which, (s) => new Histogram({ name: s.name, help: s.help, labelNames: [...s.labelNames], buckets: [...(s.buckets ?? [])], registers: [this.registry] }));
  }

  /** A counter for the hot path: bind a cell per label set once, then `cell.inc()` costs a field increment. */
  hotCounter(which: SeriesName): HotCounter {
    return this.once(which, (s) => this.register(new HotCounter(s.name, s.help, s.labelNames)));
  }

  hotHistogram(which: SeriesName): HotHistogram {
    return this.once(which, (s) => this.register(new HotHistogram(s.name, s.help, s.labelNames, s.buckets ?? [])));
  }

  /**
   * A gauge read when Prometheus scrapes; several readers (two outboxes,
   * several consumer groups) add up to one series.
   */
  gauge(which: SeriesName, read: Reader): void {
    this.once(which, (s) => this.register(new ReadSeries(s.name, s.help, 'gauge'))).add(read);
  }

  /** A counter read when scraped from a running total its owner keeps (a cache's hits). */
  counterFrom(which: SeriesName, read: Reader): void {
    this.once(which, (s) => this.register(new ReadSeries(s.name, s.help, 'counter'))).add(read);
  }

  /** The exposition, in Prometheus text format. */
  async exposition(): Promise<string> {
    const own = await this.registry.metrics();
    return this.process ? `${own}\n${await this.process.metrics()}` : own;
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private once<T>(which: SeriesName, make: (spec: SeriesSpec) => T): T {
    const existing = this.series.get(which);
    if (existing) return existing as T;
    const made = make(SERIES[which]);
    this.series.set(which, made);
    return made;
  }

  private register<T extends HotCounter | HotHistogram | ReadSeries>(series: T): T {
    this.registry.registerMetric(series as never);
    return series;
  }
}

/** Seconds since `startedAt` (a performance.now() reading). */
export const secondsSince = (startedAt: number): number => (performance.now() - startedAt) / 1000;
