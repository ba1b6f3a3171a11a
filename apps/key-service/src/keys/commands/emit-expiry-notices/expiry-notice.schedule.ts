import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EmitExpiryNotices, type ExpiryNoticeRun } from './emit-expiry-notices';

export interface ExpiryNoticeSettings {
  /** EXPIRY_NOTICE_INTERVAL_MS: how often each instance looks for due notices. */
  intervalMs: number;
}

export const EXPIRY_NOTICE_SETTINGS = 'EXPIRY_NOTICE_SETTINGS';

/**
 * Every EXPIRY_NOTICE_INTERVAL_MS, one pass of EmitExpiryNotices; passes of
 * one instance never overlap. Every instance runs it: there is no leader to
 * elect, because the key streams make a second notice impossible
 * (docs/operations.md#expiry-notices).
 */
@Injectable()
export class ExpiryNoticeSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpiryNotices');
  private timer?: NodeJS.Timeout;
  private running?: Promise<ExpiryNoticeRun>;

  constructor(
    @Inject(EXPIRY_NOTICE_SETTINGS) private readonly settings: ExpiryNoticeSettings,
    private readonly notices: EmitExpiryNotices,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce().catch(() => undefined), this.settings.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass now, or the one already under way. */
  runOnce(): Promise<ExpiryNoticeRun> {
    this.running ??= this.notices
      .emitDue()
      .catch((error: unknown) => {
        this.logger.warn({ msg: 'the expiry notice pass failed; the next one retries', error: String(error) });
        throw error;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
