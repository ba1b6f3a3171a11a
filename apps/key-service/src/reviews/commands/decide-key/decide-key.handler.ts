import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, keyActor, type Clock } from '@pxxl/contracts';
import { ConcurrencyError } from '../../../keys';
import { decideKey, type ReviewState } from '../../domain/review';
import { ReviewErrors } from '../../domain/review.errors';
import { REVIEWED_KEYS, type ReviewedKeys } from '../../ports';
import { ReviewRecording } from '../shared/review-recording';
import { DecideKeyCommand } from './decide-key.command';

/**
 * Record one decision (KeyReviewed). The append is the concurrency check: when another decision
 * lands first, a decision on another key is decided again on the new state, but a decision on the
 * same key answers 409: two reviewers deciding one key at once never both win.
 */
@CommandHandler(DecideKeyCommand)
export class DecideKeyHandler implements ICommandHandler<DecideKeyCommand, ReviewState> {
  constructor(
    @Inject(REVIEWED_KEYS) private readonly keys: ReviewedKeys,
    private readonly recording: ReviewRecording,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: DecideKeyCommand): Promise<ReviewState> {
    const [provenance, reviewerOwner] = await Promise.all([
      this.keys.provenance(command.workspaceId, command.keyId),
      this.keys.ownerOf(command.reviewerKeyId),
    ]);
    const reviewer = { keyId: command.reviewerKeyId, owner: reviewerOwner };
    let state = await this.recording.load(command.workspaceId, command.reviewId);
    if (command.expectedVersion !== undefined && command.expectedVersion !== state.version) {
      throw ReviewErrors.versionMismatch(command.reviewId, command.expectedVersion, state.version);
    }
    const decidedOn = state.items.find((item) => item.key.keyId === command.keyId)?.decision?.eventId ?? null;
    for (let attempt = 1; ; attempt++) {
      if (!provenance) throw ReviewErrors.keyNotInReview(command.reviewId, command.keyId);
      const now = this.clock.now();
      const decided = decideKey({ type: 'DecideKey', keyId: command.keyId, ...command.decision, reviewer, now }, state, provenance);
      try {
        return await this.recording.record(state, decided, { reviewId: command.reviewId, workspaceId: command.workspaceId, actor: keyActor(command.reviewerKeyId), now });
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || command.expectedVersion !== undefined || attempt >= 5) throw error;
        state = await this.recording.load(command.workspaceId, command.reviewId);
        const now2 = state.items.find((item) => item.key.keyId === command.keyId)?.decision?.eventId ?? null;
        if (now2 !== decidedOn) throw ReviewErrors.decidedMeanwhile(command.keyId);
      }
    }
  }
}
