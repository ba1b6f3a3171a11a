import type { Metrics } from '@pxxl/observability';
import type { OutboxRelay } from './outbox-relay';

/** The relays' backlog in the app's registry, read when scraped: `outbox` names which one (events, key_signals). */
export function observeOutboxes(metrics: Metrics, relays: Record<string, OutboxRelay<unknown> | null>): void {
  const each = (read: (backlog: ReturnType<OutboxRelay<unknown>['backlog']>) => number) => () =>
    Object.entries(relays).flatMap(([outbox, relay]) => (relay ? [{ labels: { outbox }, value: read(relay.backlog()) }] : []));
  metrics.gauge('outboxUnpublished', each((b) => b.unpublished));
  metrics.gauge('outboxOldestAge', each((b) => b.oldestAgeMs / 1000));
  metrics.counterFrom('outboxPublishErrors', each((b) => b.failedSends));
}
