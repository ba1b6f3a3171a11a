import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, envelopeEvent, expiryNoticeEventId, isKeyLifecycleEvent, type Clock, type DecidedEvent, type KeyEvent, type StreamEvent, type WorkspaceEvent } from '@pxxl/contracts';
import { inSpan } from '@pxxl/observability';
import { randomUUID } from 'node:crypto';
import { fold, type ApiKeyState } from '../../domain/api-key';
import { KeyErrors } from '../../domain/api-key.errors';
import type { DecidedWorkspaceEvent } from '../../domain/workspace-policy';
import type { KeyCommandResult } from './key-command.result';
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
 *   (commands read the policy from the event store), and an expiry notice
 *   changes nothing verification reads, so they wait, bounded, for the topic only.
 * - `nothing`: the decision was to change nothing.
 */
export type AfterAppend = 'show-created' | 'publish-and-wait-for-projection' | 'publish' | 'nothing';

const NOTHING_TO_PROJECT: readonly string[] = ['WorkspacePolicyChanged', 'KeyExpiring', 'KeyExpired'];

export function afterAppend(events: readonly StreamEvent[]): AfterAppend {
  if (events.length === 0) return 'nothing';
  if (events.every((event) => NOTHING_TO_PROJECT.includes(event.type))) return 'publish';
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
      eventId: eventIdOf(event, context.keyId),
      keyId: context.keyId,
      workspaceId: context.workspaceId,
      version: context.expectedVersion + index + 1,
      occurredAt: context.now.toISOString(),
      actor: context.actor,
    }),
  );
}

/** A random UUID, except for an expiry notice: its id names what it is about, so it is the same wherever it is decided. */
function eventIdOf(event: DecidedEvent, keyId: string): string {
  if (event.type === 'KeyExpiring') return expiryNoticeEventId(event.type, keyId, event.data.expiresAt, event.data.thresholdDays);
  if (event.type === 'KeyExpired') return expiryNoticeEventId(event.type, keyId, event.data.expiresAt, null);
  return randomUUID();
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

export type ExistingKey = Extract<ApiKeyState, { exists: true }>;

export interface ChangeTarget {
  keyId: string;
  workspaceId: string;
  actor: string;
  /** From If-Match; undefined decides on the state loaded. */
  expectedVersion?: number;
}

/** The shape of every command on an existing key: load, decide (pure), record. */
@Injectable()
export class KeyChange {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly recording: EventRecording,
  ) {}

  async changeKey(
    target: ChangeTarget,
    decideOn: (state: ExistingKey, now: Date) => DecidedEvent[] | Promise<DecidedEvent[]>,
  ): Promise<KeyCommandResult & { state: ExistingKey }> {
    const { state, now, decided } = await inSpan('decide', async () => {
      const state = await this.load(target);
      const now = this.clock.now();
      return { state, now, decided: await decideOn(state, now) };
    });
    const outcome = await this.recording.recordKeyEvents(decided, {
      keyId: target.keyId,
      workspaceId: target.workspaceId,
      expectedVersion: state.version,
      actor: target.actor,
      now,
    });
    return { keyId: target.keyId, version: state.version + outcome.events.length, state, ...outcome };
  }

  /** Folds the key's events, hides other workspaces' keys (404, never 403) and checks the caller's If-Match version. */
  private async load({ keyId, workspaceId, expectedVersion }: ChangeTarget): Promise<ExistingKey> {
    const state = fold((await this.store.load(keyId)).filter(isKeyLifecycleEvent));
    if (!state.exists || state.workspaceId !== workspaceId) throw KeyErrors.notFound(keyId);
    if (expectedVersion !== undefined && expectedVersion !== state.version) {
      throw KeyErrors.versionMismatch(keyId, expectedVersion, state.version);
    }
    return state;
  }
}
