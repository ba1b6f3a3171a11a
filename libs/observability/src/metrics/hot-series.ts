type Labels = Readonly<Record<string, string>>;
/** The shape prom-client's Registry formats (its own type is not exported). */
interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}
export interface CollectedSeries {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  values: Sample[];
}

/** One labelled counter, bound once: `inc` is a field increment (no label object, no hashing). */
export class CounterCell {
  value = 0;
  constructor(readonly labels: Labels) {}
  inc(by = 1): void {
    this.value += by;
  }
}

/** One labelled histogram, bound once: `observe` walks the bucket bounds and bumps two numbers. */
export class HistogramCell {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  constructor(
    readonly labels: Labels,
    private readonly bounds: readonly number[],
  ) {
    this.counts = new Float64Array(bounds.length);
  }
  /** One observation, or `times` alike (a sampled one standing for the others). */
  observe(value: number, times = 1): void {
    const bounds = this.bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]) {
        this.counts[i] += times;
        break;
      }
    }
    this.sum += value * times;
    this.count += times;
  }
}

/**
 * prom-client's own Counter and Histogram hash their label object on every
 * call; on the warm verify path (a few microseconds in all) that would be
 * most of the cost. These keep one cell per label set, bound up front, and
 * hand prom-client's registry the usual shape only when it is scraped.
 */
abstract class HotSeries<C extends { labels: Labels }> {
  protected readonly cells = new Map<string, C>();
  readonly aggregator = 'sum' as const;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {}

  /** The cell for these labels, created once; keep it and call it on the hot path. */
  bind(labels: Labels = {}): C {
    const key = this.labelNames.map((name) => labels[name] ?? '').join('\u0000');
    let cell = this.cells.get(key);
    if (!cell) {
      cell = this.create(labels);
      this.cells.set(key, cell);
    }
    return cell;
  }

  protected abstract create(labels: Labels): C;
  abstract get(): Promise<CollectedSeries>;
  reset(): void {
    this.cells.clear();
  }
}

export class HotCounter extends HotSeries<CounterCell> {
  readonly type = 'counter' as const;
  protected create(labels: Labels): CounterCell {
    return new CounterCell(labels);
  }
  async get(): Promise<CollectedSeries> {
    const values = [...this.cells.values()].map((cell) => ({ labels: { ...cell.labels }, value: cell.value }));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

export class HotHistogram extends HotSeries<HistogramCell> {
  readonly type = 'histogram' as const;
  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[],
  ) {
    super(name, help, labelNames);
  }
  protected create(labels: Labels): HistogramCell {
    return new HistogramCell(labels, this.buckets);
  }
  async get(): Promise<CollectedSeries> {
    const values: Sample[] = [];
    for (const cell of this.cells.values()) {
      let cumulative = 0;
      this.buckets.forEach((le, i) => {
        cumulative += cell.counts[i];
        values.push({ labels: { ...cell.labels, le }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { ...cell.labels, le: '+Inf' }, value: cell.count, metricName: `${this.name}_bucket` });
      values.push({ labels: { ...cell.labels }, value: cell.sum, metricName: `${this.name}_sum` });
      values.push({ labels: { ...cell.labels }, value: cell.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

export type Reading = Array<{ labels: Labels; value: number }>;
export type Reader = () => Reading | Promise<Reading>;

/**
 * A series read when scraped, from whoever owns the number (a queue's
 * length, a cache's running totals, a consumer group's lag): readers add up
 * to one series. A counter's reader must answer a running total.
 */
export class ReadSeries {
  readonly aggregator = 'sum' as const;
  private readonly readers: Reader[] = [];
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge',
  ) {}

  add(reader: Reader): void {
    this.readers.push(reader);
  }

  async get(): Promise<Omit<CollectedSeries, 'type'> & { type: 'counter' | 'gauge' }> {
    const readings = await Promise.all(this.readers.map(async (read) => read()));
    const values = readings.flat().map(({ labels, value }) => ({ labels: { ...labels }, value }));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {}
}
