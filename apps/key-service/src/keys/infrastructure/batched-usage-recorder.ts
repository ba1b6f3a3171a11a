import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { KeyView } from '@pxxl/key-read-model';
import { chunks } from '@pxxl/mongo';
import type { Model } from 'mongoose';
import type { UsageRecorder } from '../ports';

export interface UsageRecorderSettings {
  flushIntervalMs: number;
  /** At most one write per key per this interval. */
  minWriteIntervalMs: number;
}

export const USAGE_RECORDER_SETTINGS = 'USAGE_RECORDER_SETTINGS';

/**
 * lastUsedAt without slowing verification: `record` only touches a Map; a
 * timer flushes in bulkWrites, at most one write per key per minute, with
 * `$max` so concurrent instances never move the value backwards. The
 * projector never writes this field, so events and usage do not collide.
 */
@Injectable()
export class BatchedUsageRecorder implements UsageRecorder, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BatchedUsageRecorder.name);
  private pending = new Map<string, Date>();
  private readonly lastWritten = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectModel(KeyView.name) private readonly model: Model<KeyView>,
    @Inject(USAGE_RECORDER_SETTINGS) private readonly settings: UsageRecorderSettings,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.settings.flushIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(keyId: string, at: Date): void {
    const written = this.lastWritten.get(keyId);
    if (written !== undefined && at.getTime() - written < this.settings.minWriteIntervalMs) return;
    this.pending.set(keyId, at);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      for (const part of chunks([...batch])) {
        await this.model.bulkWrite(
          part.map(([keyId, at]) => ({ updateOne: { filter: { _id: keyId }, update: { $max: { lastUsedAt: at } } } })),
          { ordered: false },
        );
      }
      for (const [keyId, at] of batch) this.lastWritten.set(keyId, at.getTime());
    } catch (error) {
      // Usage is best effort: keep the newest times for the next flush.
      for (const [keyId, at] of batch) if (!this.pending.has(keyId)) this.pending.set(keyId, at);
      this.logger.warn({ msg: 'could not record key usage; will retry', keys: batch.size, error: String(error) });
    }
  }
}
