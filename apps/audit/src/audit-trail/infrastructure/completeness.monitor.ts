import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { reconcileTrail, type ReadableDb, type ReconcileReport } from '@pxxl/audit-trail';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { METRICS, type Metrics } from '@pxxl/observability';
import type { Connection } from 'mongoose';

export interface CompletenessSettings {
  /** How often the event store and the trail are compared. */
  intervalMs: number;
  /** Events younger than this are on their way, not missing. */
  graceMs: number;
}

export const COMPLETENESS_SETTINGS = 'COMPLETENESS_SETTINGS';
export const AUDIT_COMPLETENESS_CHECK = 'AUDIT_COMPLETENESS_CHECK';

/**
 * Compares the event store with the audit entries every few minutes and keeps
 * the last answer for `GET /health` (check "auditTrail"): a scan of both
 * collections is too slow to run on every health probe.
 */
@Injectable()
export class CompletenessMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CompletenessMonitor.name);
  private timer?: NodeJS.Timeout;
  private last?: ReconcileReport;
  private running?: Promise<ReconcileReport>;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(COMPLETENESS_SETTINGS) private readonly settings: CompletenessSettings,
    @Optional() @Inject(METRICS) metrics?: Metrics,
  ) {
    // The gap at the last comparison; absent until the first one.
    metrics?.gauge('auditGap', () => (this.last ? [{ labels: {}, value: this.last.missing.count }] : []));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run().catch(() => undefined), this.settings.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  get latest(): ReconcileReport | undefined {
    return this.last;
  }

  /** Runs a comparison now (one at a time) and keeps its answer. */
  run(): Promise<ReconcileReport> {
    this.running ??= reconcileTrail(this.connection.db as unknown as ReadableDb, { now: this.clock.now(), graceMs: this.settings.graceMs })
      .then((report) => {
        this.last = report;
        if (!report.ok) {
          this.logger.warn({ msg: 'the audit trail is incomplete', missing: report.missing.count, unexpected: report.unexpected.count, firstMissing: report.missing.items[0]?.eventId });
        }
        return report;
      })
      .catch((error: unknown) => {
        this.logger.warn({ msg: 'could not compare the event store with the audit trail', error: String(error) });
        throw error;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** A health check as @pxxl/http's HealthModule runs it (its HealthCheck), without this adapter importing the HTTP lib. */
  healthCheck(): { name: string; check(): Promise<{ ok: boolean; detail?: string }> } {
    return {
      name: 'auditTrail',
      check: async () => {
        const report = this.last;
        if (!report) return { ok: true, detail: 'completeness not checked yet' };
        const counts = `${report.events} events, ${report.entries} entries, checked ${report.checkedAt}`;
        if (report.ok) return { ok: true, detail: `complete: ${counts}${report.inFlight ? `, ${report.inFlight} on their way` : ''}` };
        const first = report.missing.items[0] ?? report.unexpected.items[0];
        return {
          ok: false,
          detail: `incomplete: ${report.missing.count} events without an entry, ${report.unexpected.count} entries without an event (first: ${first?.eventId}); ${counts}`,
        };
      },
    };
  }
}
