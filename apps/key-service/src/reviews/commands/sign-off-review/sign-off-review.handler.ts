import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, keyActor, type Clock } from '@pxxl/contracts';
import { decideSignOff, type ReviewState } from '../../domain/review';
import { AUDIT_CHECKPOINTS, REVIEWED_KEYS, type AuditCheckpoints, type ReviewedKeys } from '../../ports';
import { ReviewRecording } from '../shared/review-recording';
import { SignOffReviewCommand } from './sign-off-review.command';

/** Close the review (ReviewSignedOff) with who, when and the audit trail's latest signed checkpoint of the workspace. */
@CommandHandler(SignOffReviewCommand)
export class SignOffReviewHandler implements ICommandHandler<SignOffReviewCommand, ReviewState> {
  constructor(
    @Inject(REVIEWED_KEYS) private readonly keys: ReviewedKeys,
    @Inject(AUDIT_CHECKPOINTS) private readonly checkpoints: AuditCheckpoints,
    private readonly recording: ReviewRecording,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: SignOffReviewCommand): Promise<ReviewState> {
    const state = await this.recording.load(command.workspaceId, command.reviewId);
    const by = { keyId: command.callerKeyId, owner: await this.keys.ownerOf(command.callerKeyId) };
    const signed = decideSignOff(state, by, await this.checkpoints.latest(command.workspaceId));
    return this.recording.record(state, [signed], { reviewId: command.reviewId, workspaceId: command.workspaceId, actor: keyActor(command.callerKeyId), now: this.clock.now() });
  }
}
