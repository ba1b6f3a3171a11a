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

/**
 * What recording does once a command's events are appended:
 * - `show-created`: a creation (with the limits it was created with) writes its own view (the insert the projector
 *   makes moments later) and publishes without waiting. No cache anywhere can
 *   hold an answer about a key that did not exist, so the new key verifies as
 *   soon as the creation answers, also while the broker or the projector is down.
 * - `publish-and-wait-for-projection`: every other change of a key waits,
 *   bounded, until it is on the topic (subscribers drop their cached answers)
 *   and the projector has applied it.
 * - `publish`: a workspace policy change has no read model to wait for
 *   (commands read the policy from the event store), so it waits, bounded,
 *   for the topic only.
 * - `nothing`: the decision was to change nothing.
 */
export type AfterAppend = 'show-created' | 'publish-and-wait-for-projection' | 'publish' | 'nothing';

export function afterAppend(events: readonly StreamEvent[]): AfterAppend {
  if (events.length === 0) return 'nothing';
  if (events.every((event) => event.type === 'WorkspacePolicyChanged')) return 'publish';
  // A creation with its owner and limits is still a creation: nothing anywhere knows the key yet.
  if (events[0].type === 'KeyCreated' && events.slice(1).every((event) => event.type === 'KeyLimitsChanged' || event.type === 'KeyOwnerChanged')) return 'show-created';
  return 'publish-and-wait-for-projection';
}

/** Settings of recording, provided by the app from its config. */
export interface KeyCommandSettings {
  /** How long a command waits for the topic and the read model before answering "accepted, pending". */
  readYourWritesTimeoutMs: number;
}

export const KEY_COMMAND_SETTINGS = 'KEY_COMMAND_SETTINGS';

export interface RecordContext {
  /** The stream: a keyId, or the workspace for a policy change. */
  keyId: string;
  workspaceId: string;
  /** The version the decision was made on (0 for a new stream). */
  expectedVersion: number;
  actor: string;
  now: Date;
}

/** The decided events as they are stored: each in its envelope, numbered after the version decided on. */
export function stampKeyEvents(decided: DecidedEvent[], context: RecordContext): KeyEvent[] {
  return decided.map((event, index) =>
    envelopeEvent(event, {
      eventId: randomUUID(),
      keyId: context.keyId,
      workspaceId: context.workspaceId,
      version: context.expectedVersion + index + 1,
      occurredAt: context.now.toISOString(),
      actor: context.actor,
    }),
  );
}

function stampPolicyEvents(decided: DecidedWorkspaceEvent[], context: Omit<RecordContext, 'keyId'>): WorkspaceEvent[] {
  return decided.map((event, index) => ({
    eventId: randomUUID(),
    type: event.type,
    schemaVersion: 2,
    workspaceId: context.workspaceId,
    version: context.expectedVersion + index + 1,
    occurredAt: context.now.toISOString(),
    actor: context.actor,
    data: event.data,
  }));
}

/**
 * What every command does after deciding: stamp the envelopes, append them
 * (the append is the optimistic-concurrency check), then what afterAppend
 * says: show a creation at once, or publish and wait (bounded) until the
 * topic and the read model have the change.
 */
@Injectable()
export class EventRecording {
  private readonly logger = new Logger(EventRecording.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
    @Inject(READ_YOUR_WRITES) private readonly readModel: ReadYourWrites,
    @Inject(KEY_COMMAND_SETTINGS) private readonly settings: KeyCommandSettings,
    @Inject(VERIFICATION_CACHE) private readonly cache: VerificationCache,
  ) {}

  /** `projected`: true when verification already reflects the events (false answers "pending"). */
  async recordKeyEvents(decided: DecidedEvent[], context: RecordContext): Promise<{ events: KeyEvent[]; projected: boolean }> {
    const events = stampKeyEvents(decided, context);
    return { events, projected: await this.appendAndPublish(events) };
  }

  /** `published`: true once the change is on the topic (it is in force once appended). */
  async recordPolicyEvents(decided: DecidedWorkspaceEvent[], context: Omit<RecordContext, 'keyId'>): Promise<{ events: WorkspaceEvent[]; published: boolean }> {
    const events = stampPolicyEvents(decided, context);
    return { events, published: await this.appendAndPublish(events) };
  }

  /** true once the change shows where afterAppend says to wait for it. */
  private async appendAndPublish(events: StreamEvent[]): Promise<boolean> {
    const step = afterAppend(events);
    if (step === 'nothing') return true;
    const deadline = Date.now() + this.settings.readYourWritesTimeoutMs;
    await this.store.append(events);
    if (step === 'publish') return this.publishWithinBound(events);
    const keyEvents = events as KeyEvent[];
    const last = keyEvents[keyEvents.length - 1];
    // From here on this instance refuses answers older than the new version (a revoked key stays refused).
    this.cache.invalidateKey(last.keyId, { version: last.version, revoked: keyEvents.some((e) => e.type === 'KeyRevoked') });
    if (step === 'show-created') return this.showCreated(keyEvents);
    if (!(await this.publishWithinBound(events))) return false;
    return this.readModel.waitForVersion(last.keyId, last.version, Math.max(0, deadline - Date.now()));
  }

  private async showCreated(events: KeyEvent[]): Promise<boolean> {
    const [created] = events;
    if (created.type !== 'KeyCreated') return false;
    // The events are stored: if the view cannot be written now, the projector writes it later ("pending").
    const shown = await this.readModel.showCreated(events).catch((error: Error) => {
      this.logger.warn({ msg: 'the new key view was not written now; the projector will write it', keyId: created.keyId, error: error.name });
      return false;
    });
    // Published after the view is written, so whoever hears of the key finds it. Never rejects:
    // the relay retries until the event is on the topic.
    void this.publisher.publish(events);
    return shown;
  }

  /** true once the events are on the topic, false when that outlasts the bound (the relay keeps trying, the caller gets "pending"). */
  private publishWithinBound(events: StreamEvent[]): Promise<boolean> {
    return Promise.race([
      this.publisher.publish(events).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(resolve, this.settings.readYourWritesTimeoutMs, false).unref()),
    ]);
  }
}
