import { Inject, Injectable, Logger } from '@nestjs/common';
import { envelopeEvent, type DecidedEvent, type KeyEvent, type StreamEvent, type WorkspaceEvent } from '@pxxl/contracts';
import { randomUUID } from 'node:crypto';
import type { DecidedWorkspaceEvent } from '../../domain/workspace-policy';
import {
  EVENT_PUBLISHER,
  EVENT_STORE,
  READ_YOUR_WRITES,
  VERIFICATION_CACHE,
  type EventPublisher,
  type EventStore,
  type ReadYourWrites,
  type VerificationCache,
} from '../../ports';
import { KEY_COMMAND_SETTINGS, type KeyCommandSettings } from './key-command-settings';

export interface RecordContext {
  keyId: string;
  workspaceId: string;
  /** The version the decision was made on (0 for a new key). */
  expectedVersion: number;
  actor: string;
  now: Date;
}

export interface RecordOutcome {
  events: KeyEvent[];
  /** true when the read model reflects the events, so verification answers accordingly. */
  projected: boolean;
}

/**
 * What every command does after deciding: stamp the envelopes, append them
 * (the append is the optimistic-concurrency check), publish through the
 * outbox relay, forget cached verification answers about the key, and make
 * sure — bounded — that the read model shows them.
 *
 * A creation puts its own view in the read model (the insert the projector
 * makes moments later; an insert never overwrites) and does not wait for the
 * topic: the relay publishes the event all the same, and no cache anywhere can
 * hold an answer about a key that did not exist. So a new key verifies as soon
 * as the creation answers, at the cost of the bcrypt hash and two writes, also
 * while the broker or the projector is down. Every other change waits until
 * it is on the topic (subscribers drop their cached answers) and the projector
 * has applied it.
 */
@Injectable()
export class EventRecorder {
  private readonly logger = new Logger(EventRecorder.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(READ_YOUR_WRITES) private readonly readModel: ReadYourWrites,
    @Inject(KEY_COMMAND_SETTINGS) private readonly settings: KeyCommandSettings,
    @Inject(VERIFICATION_CACHE) private readonly cache: VerificationCache,
  ) {}

  async record(decided: DecidedEvent[], context: RecordContext): Promise<RecordOutcome> {
    const events = decided.map((event, index) =>
      envelopeEvent(event, {
        eventId: randomUUID(),
        keyId: context.keyId,
        workspaceId: context.workspaceId,
        version: context.expectedVersion + index + 1,
        occurredAt: context.now.toISOString(),
        actor: context.actor,
      }),
    );
    if (events.length === 0) return { events, projected: true };
    const deadline = Date.now() + this.settings.readYourWritesTimeoutMs;
    await this.store.append(events);
    const last = events[events.length - 1];
    // From here on this instance refuses answers older than the new version (a revoked key stays refused).
    this.cache.forget(last.keyId, last.version, events.some((e) => e.type === 'KeyRevoked'));
    if (events.length === 1 && last.type === 'KeyCreated') return { events, projected: await this.showCreated(events) };
    if (!(await this.publishWithinBound(events))) return { events, projected: false };
    const projected = await this.readModel.waitForVersion(last.keyId, last.version, Math.max(0, deadline - Date.now()));
    return { events, projected };
  }

  private async showCreated(events: KeyEvent[]): Promise<boolean> {
    const [created] = events;
    if (created.type !== 'KeyCreated') return false;
    // The event is stored: if the view cannot be written now, the projector writes it later ("pending").
    const shown = await this.readModel.showCreated(created).catch((error: Error) => {
      this.logger.warn({ msg: 'the new key view was not written now; the projector will write it', keyId: created.keyId, error: error.name });
      return false;
    });
    // Published after the view is written, so whoever hears of the key finds it. Never rejects:
    // the relay retries until the event is on the topic.
    void this.publisher.publish(events);
    return shown;
  }

  /**
   * Workspace policy changes: no read model to wait for (commands read the
   * policy from the event store itself), so the change is in force once appended.
   */
  async recordWorkspaceEvents(
    decided: DecidedWorkspaceEvent[],
    context: Omit<RecordContext, 'keyId'>,
  ): Promise<{ events: WorkspaceEvent[]; published: boolean }> {
    const events: WorkspaceEvent[] = decided.map((event, index) => ({
      eventId: randomUUID(),
      type: event.type,
      schemaVersion: 1,
      workspaceId: context.workspaceId,
      version: context.expectedVersion + index + 1,
      occurredAt: context.now.toISOString(),
      actor: context.actor,
      data: event.data,
    }));
    if (events.length === 0) return { events, published: true };
    await this.store.append(events);
    return { events, published: await this.publishWithinBound(events) };
  }

  /** true once the events are on the topic, false when that outlasts the bound (the relay keeps trying). */
  private publishWithinBound(events: StreamEvent[]): Promise<boolean> {
    // Publishing may outlast the bound (broker down): the relay keeps trying, the caller gets "pending".
    return Promise.race([
      this.publisher.publish(events).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(resolve, this.settings.readYourWritesTimeoutMs, false).unref()),
    ]);
  }
}
