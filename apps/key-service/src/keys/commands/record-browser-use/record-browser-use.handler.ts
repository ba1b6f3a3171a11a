import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, keyActor, parseToken, type Clock, type KeyBrowserUseRefusedV1 } from '@pxxl/contracts';
import { randomUUID } from 'node:crypto';
import { KEY_READ_MODEL, KEY_SIGNAL_OUTBOX, KEY_VERIFICATION, type KeyReadModel, type KeySignalOutbox, type KeyVerification } from '../../ports';
import { RecordBrowserUseCommand, type BrowserUseOutcome } from './record-browser-use.command';

const MINUTE_MS = 60_000;
/** Recordings checked at once; beyond that a flood of refused requests is not worth a bcrypt each. */
const MAX_IN_FLIGHT = 8;
const MAX_REMEMBERED_KEYS = 10_000;
/** Only a holder of the right secret is recorded against a key (revoked and expired keys included). */
const SECRET_MATCHED = new Set(['VALID', 'REVOKED', 'EXPIRED', 'INSUFFICIENT_SCOPE']);

/**
 * Records a refused browser use as a KeyBrowserUseRefused signal, at most one
 * per key per clock minute: the outbox document id carries the minute, so
 * concurrent instances collide on it; a per-instance memory of the minute
 * spares the database and bcrypt for repeats.
 */
@CommandHandler(RecordBrowserUseCommand)
export class RecordBrowserUseHandler implements ICommandHandler<RecordBrowserUseCommand, BrowserUseOutcome> {
  private readonly recordedMinute = new Map<string, number>();
  private inFlight = 0;

  constructor(
    @Inject(KEY_VERIFICATION) private readonly verifier: KeyVerification,
    @Inject(KEY_READ_MODEL) private readonly keys: KeyReadModel,
    @Inject(KEY_SIGNAL_OUTBOX) private readonly signals: KeySignalOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: RecordBrowserUseCommand): Promise<BrowserUseOutcome> {
    const parsed = parseToken(command.token);
    if (!parsed.ok) return 'not-a-key';
    const { keyId } = parsed.token;
    const now = this.clock.now();
    const minute = Math.floor(now.getTime() / MINUTE_MS);
    if (this.recordedMinute.get(keyId) === minute) return 'throttled';
    if (this.inFlight >= MAX_IN_FLIGHT) return 'busy';
    this.inFlight++;
    try {
      const view = await this.keys.get(keyId);
      if (view === null) return 'not-a-key';
      if (!SECRET_MATCHED.has((await this.verifier.verify(command.token)).code)) return 'not-a-key';
      this.remember(keyId, minute);
      const signal: KeyBrowserUseRefusedV1 = {
        eventId: randomUUID(),
        type: 'KeyBrowserUseRefused',
        schemaVersion: 1,
        keyId,
        workspaceId: view.workspaceId,
        version: view.version,
        occurredAt: now.toISOString(),
        actor: keyActor(keyId),
        data: { origin: command.origin, secFetchMode: command.secFetchMode, secFetchSite: command.secFetchSite, route: command.route },
      };
      return await this.signals.record(signal, `${keyId}:browser-use:${minute}`);
    } finally {
      this.inFlight--;
    }
  }

  private remember(keyId: string, minute: number): void {
    if (this.recordedMinute.size >= MAX_REMEMBERED_KEYS) {
      for (const [id, at] of this.recordedMinute) if (at < minute) this.recordedMinute.delete(id);
    }
    this.recordedMinute.set(keyId, minute);
  }
}
