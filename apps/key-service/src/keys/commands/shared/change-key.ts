import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, isKeyLifecycleEvent, type Clock, type DecidedEvent } from '@pxxl/contracts';
import { inSpan } from '@pxxl/observability';
import { fold, type ApiKeyState } from '../../domain/api-key';
import { KeyErrors } from '../../domain/api-key.errors';
import { EVENT_STORE, type EventStore } from '../../ports';
import type { KeyCommandResult } from './key-command.result';
import { EventRecording } from './record-events';

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
