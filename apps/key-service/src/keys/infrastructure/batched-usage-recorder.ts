import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { KEY_USAGE_COLLECTION, type KeyUsageDoc } from '@pxxl/key-read-model';
import { chunks } from '@pxxl/mongo';
import type { Collection, Connection } from 'mongoose';
import type { UsageRecorder } from '../ports';

export interface UsageRecorderSettings {
  flushIntervalMs: number;
  /** At most one write per key per this interval. */
  minWriteIntervalMs: number;
}

export const USAGE_RECORDER_SETTINGS = 'USAGE_RECORDER_SETTINGS';

/**
 * lastUsedAt without slowing verification: `record` only touches a Map; a
 * timer flushes in bulkWrites to `key_usage` (not the views: see
 * KEY_USAGE_COLLECTION), at most one write per key per minute, with `$max` so
 * concurrent instances never move the value backwards. Two instances
 * upserting a new key's usage at once collide on `_id`; the loser retries at
 * the next flush.
 */
@Injectable()
export class BatchedUsageRecorder implements UsageRecorder, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BatchedUsageRecorder.name);
  private pending = new Map<string, Date>();
  private readonly lastWritten = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  private readonly usage: Collection<KeyUsageDoc>;

  constructor(
    @InjectConnection() connection: Connection,
    @Inject(USAGE_RECORDER_SETTINGS) private readonly settings: UsageRecorderSettings,
  ) {
    this.usage = connection.collection<KeyUsageDoc>(KEY_USAGE_COLLECTION) as unknown as Collection<KeyUsageDoc>;
  }

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
        await this.usage.bulkWrite(
          part.map(([keyId, at]) => ({ updateOne: { filter: { _id: keyId }, update: { $max: { lastUsedAt: at } }, upsert: true } })),
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
