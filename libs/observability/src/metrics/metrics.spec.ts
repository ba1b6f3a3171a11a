import { Metrics } from './metrics';

const lines = async (metrics: Metrics, prefix: string) => (await metrics.exposition()).split('\n').filter((line) => line.startsWith(prefix));

describe('Metrics', () => {
  it('keeps each app in its own registry: two apps in one process never see each other\'s series', async () => {
    const a = new Metrics('key-service');
    const b = new Metrics('projector');
    a.counter('commands').inc({ type: 'RevokeKey', outcome: 'ok' });
    expect(await lines(a, 'pxxl_keys_commands_total')).toEqual(['pxxl_keys_commands_total{type="RevokeKey",outcome="ok",app="key-service"} 1']);
    expect(await lines(b, 'pxxl_keys_commands_total')).toEqual([]);
    expect(await b.exposition()).toContain('process_resident_memory_bytes ');
  });

  it('gives everyone who asks for a series the same one', () => {
    const metrics = new Metrics('x', { processMetrics: false });
    expect(metrics.hotHistogram('eventStoreAppend')).toBe(metrics.hotHistogram('eventStoreAppend'));
    expect(metrics.hotCounter('verifications').bind({ code: 'VALID', path: 'http' })).toBe(metrics.hotCounter('verifications').bind({ path: 'http', code: 'VALID' }));
  });

  it('exposes a bound histogram as cumulative buckets, sum and count', async () => {
    const metrics = new Metrics('x', { processMetrics: false });
    const cell = metrics.hotHistogram('projectionApply').bind();
    for (const seconds of [0.002, 0.002, 0.3, 99]) cell.observe(seconds);
    const text = await lines(metrics, 'pxxl_keys_projection_apply_duration_seconds');
    expect(text).toContain('pxxl_keys_projection_apply_duration_seconds_bucket{le="0.001",app="x"} 0');
    expect(text).toContain('pxxl_keys_projection_apply_duration_seconds_bucket{le="0.0025",app="x"} 2');
    expect(text).toContain('pxxl_keys_projection_apply_duration_seconds_bucket{le="0.5",app="x"} 3');
    expect(text).toContain('pxxl_keys_projection_apply_duration_seconds_bucket{le="5",app="x"} 3');
    expect(text).toContain('pxxl_keys_projection_apply_duration_seconds_bucket{le="+Inf",app="x"} 4');
    expect(text).toContain('pxxl_keys_projection_apply_duration_seconds_count{app="x"} 4');
    expect(text).toContain('pxxl_keys_projection_apply_duration_seconds_sum{app="x"} 99.304');
  });

  it('adds up the readers of a gauge read when scraped, and drops a reader that has nothing to say', async () => {
    const metrics = new Metrics('x', { processMetrics: false });
    let backlog = 2;
    metrics.gauge('outboxUnpublished', () => [{ labels: { outbox: 'events' }, value: backlog }]);
    metrics.gauge('outboxUnpublished', async () => [{ labels: { outbox: 'key_signals' }, value: 0 }]);
    metrics.gauge('auditGap', () => []);
    expect(await lines(metrics, 'pxxl_keys_outbox_unpublished_events')).toEqual([
      'pxxl_keys_outbox_unpublished_events{outbox="events",app="x"} 2',
      'pxxl_keys_outbox_unpublished_events{outbox="key_signals",app="x"} 0',
    ]);
    backlog = 0;
    expect(await lines(metrics, 'pxxl_keys_outbox_unpublished_events{outbox="events"')).toEqual(['pxxl_keys_outbox_unpublished_events{outbox="events",app="x"} 0']);
    expect(await lines(metrics, 'pxxl_keys_audit_reconcile_gap_events')).toEqual([]);
  });
});
