import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { KeyEvent } from '@pxxl/contracts';
import { applyToView } from './key-view.projection';
import { KeyViewReader } from './key-view.reader';
import { KeyView } from './key-view.schema';
import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Model } from 'mongoose';

/** Polls fast while the projector usually lands (a few ms), then eases off. */
const FAST_POLL_MS = 2;
const FAST_FOR_MS = 50;
const SLOW_POLL_MS = 10;

/**
 * Read-your-writes against the read model, for the key service's commands
 * (its READ_YOUR_WRITES port): a new key's view shown at once with the
 * projector's own projection, and a change waited for until projected.
 */
@Injectable()
export class KeyViewReadYourWrites {
  constructor(
    @InjectModel(KeyView.name) private readonly model: Model<KeyView>,
    private readonly reader: KeyViewReader,
  ) {}

  /**
   * The same guarded insert as the projector's (an `_id` collision means the
   * view is there already); not an upsert, which could overwrite a view the
   * projector has since moved on.
   */
  async showCreated(events: KeyEvent[]): Promise<boolean> {
    if (events[0]?.type !== 'KeyCreated') return false;
    const view = events.reduce(applyToView, null);
    if (view === null || view.version !== events[events.length - 1].version) return false;
    try {
      await this.model.collection.insertOne(view as never);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    return true;
  }

  /** Polls the view by `_id` (one indexed read each) until the version shows. */
  async waitForVersion(keyId: string, version: number, timeoutMs: number): Promise<boolean> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    for (;;) {
      if ((await this.reader.versionOf(keyId)) >= version) return true;
      const now = Date.now();
      if (now >= deadline) return false;
      const pause = now - started < FAST_FOR_MS ? FAST_POLL_MS : SLOW_POLL_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, deadline - now)));
    }
  }
}
