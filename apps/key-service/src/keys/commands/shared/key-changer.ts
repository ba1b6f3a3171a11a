import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, type DecidedEvent } from '@pxxl/contracts';
import { EventRecorder } from './event-recorder';
import type { KeyCommandResult } from './key-command.result';
import { KeyLoader, type ExistingKey } from './key-loader';

export interface ChangeTarget {
  keyId: string;
  workspaceId: string;
  actor: string;
  /** From If-Match; undefined decides on the state loaded. */
  expectedVersion?: number;
}

/** The shape of every command on an existing key: load, decide (pure), record. */
@Injectable()
export class KeyChanger {
  constructor(
    private readonly loader: KeyLoader,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {}

  async change(
    target: ChangeTarget,
    decideOn: (state: ExistingKey, now: Date) => DecidedEvent[] | Promise<DecidedEvent[]>,
  ): Promise<KeyCommandResult & { state: ExistingKey }> {
    const state = await this.loader.load(target.keyId, target.workspaceId, target.expectedVersion);
    const now = this.clock.now();
    const decided = await decideOn(state, now);
    const outcome = await this.recorder.record(decided, {
      keyId: target.keyId,
      workspaceId: target.workspaceId,
      expectedVersion: state.version,
      actor: target.actor,
      now,
    });
    return { keyId: target.keyId, version: state.version + outcome.events.length, state, ...outcome };
  }
}
