import { Injectable } from '@nestjs/common';
import { KeyViewReader } from '@pxxl/key-read-model';
import type { ReadModelWaiter } from '../ports';

const FIRST_POLL_MS = 2;
const MAX_POLL_MS = 10;

/**
 * Polls the read model by `_id`, starting fast (the projector usually applies
 * an event within a few milliseconds of publication) and backing off.
 */
@Injectable()
export class PollingReadModelWaiter implements ReadModelWaiter {
  constructor(private readonly reader: KeyViewReader) {}

  async waitForVersion(keyId: string, version: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let pause = FIRST_POLL_MS;
    for (;;) {
      if ((await this.reader.versionOf(keyId)) >= version) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
      pause = Math.min(pause * 2, MAX_POLL_MS);
    }
  }
}
