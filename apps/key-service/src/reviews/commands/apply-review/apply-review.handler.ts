import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, keyActor, type Clock } from '@pxxl/contracts';
import { ConcurrencyError, DomainError, keyGrantor, RevokeKeyCommand, RotateKeyCommand, UpdateKeyCommand, type KeyCommandResult, type RotateKeyResult } from '../../../keys';
import { decideApplied, pendingActions, type ReviewItem, type ReviewState } from '../../domain/review';
import { ReviewErrors } from '../../domain/review.errors';
import { REVIEWED_KEYS, type FollowUp, type ReviewedKeys } from '../../ports';
import { ReviewRecording } from '../shared/review-recording';
import { ApplyReviewCommand, type AppliedOutcome, type ApplyReviewResult } from './apply-review.command';

/** Decisions the key service has no command for yet: recorded, not carried out. */
const UNAVAILABLE = {
  'shorten-expiry': 'the key service has no command that changes a key’s expiry yet: rotate or revoke the key instead',
} as const;

/**
 * Carries out each pending change decision through the key service's own command (rotate,
 * revoke, reassign as an owner change), one key at a time, and records ReviewActionApplied with the key event that did it.
 * A key already revoked meanwhile counts as done by that revocation. Safe to retry: what is done
 * is not pending any more.
 */
@CommandHandler(ApplyReviewCommand)
export class ApplyReviewHandler implements ICommandHandler<ApplyReviewCommand, ApplyReviewResult> {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(REVIEWED_KEYS) private readonly keys: ReviewedKeys,
    private readonly recording: ReviewRecording,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: ApplyReviewCommand): Promise<ApplyReviewResult> {
    let review = await this.recording.load(command.workspaceId, command.reviewId);
    if (review.signOff) throw ReviewErrors.signedOff(command.reviewId);
    const results: AppliedOutcome[] = [];
    for (const item of pendingActions(review)) {
      const decision = item.decision!.decision as AppliedOutcome['decision'];
      const base = { keyId: item.key.keyId, decision, followUpEventId: null, followUpEventType: null, key: null, code: null, message: null };
      if (decision === 'shorten-expiry') {
        results.push({ ...base, outcome: 'skipped', code: 'ACTION_NOT_AVAILABLE', message: UNAVAILABLE[decision] });
        continue;
      }
      try {
        const { followUp, token } = await this.carryOut(command, item, decision);
        review = await this.recordApplied(command, review, item.key.keyId, followUp);
        results.push({ ...base, outcome: 'applied', followUpEventId: followUp.eventId, followUpEventType: followUp.type, key: token });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ ...base, outcome: 'failed', code: error.code, message: error.message });
      }
    }
    return { results, review };
  }

  private async carryOut(command: ApplyReviewCommand, item: ReviewItem, decision: 'rotate' | 'revoke' | 'reassign'): Promise<{ followUp: FollowUp; token: string | null }> {
    const actor = keyActor(command.callerKeyId);
    const keyId = item.key.keyId;
    let result: KeyCommandResult | RotateKeyResult;
    let token: string | null = null;
    try {
      if (decision === 'rotate') {
        const rotated = await this.commandBus.execute(new RotateKeyCommand(keyId, command.workspaceId, actor, keyGrantor(command.callerScopes), command.gracePeriodSeconds));
        token = rotated.token;
        result = rotated;
      } else if (decision === 'reassign') {
        // The owner change makes the key rotation due (a change of hands), as any owner change does.
        result = await this.commandBus.execute(new UpdateKeyCommand(keyId, command.workspaceId, actor, { owner: item.decision?.owner ?? null }));
      } else {
        const reason = `review ${command.reviewId}${item.decision?.justification ? `: ${item.decision.justification}` : ''}`.slice(0, 500);
        result = await this.commandBus.execute(new RevokeKeyCommand(keyId, command.workspaceId, actor, reason));
      }
    } catch (error) {
      // Revoked meanwhile (by hand, a leak report, another apply): that revocation is the follow-up.
      if (decision === 'revoke' && error instanceof DomainError && error.code === 'KEY_ALREADY_REVOKED') {
        const revoked = await this.keys.event(keyId, { type: 'KeyRevoked' });
        if (revoked) return { followUp: revoked, token: null };
      }
      throw error;
    }
    const version = 'version' in result ? result.version : 0;
    const followUp = await this.keys.event(keyId, { version });
    if (!followUp) throw new Error(`the follow-up event ${keyId}:${version} is not in the event store`);
    return { followUp, token };
  }

  private async recordApplied(command: ApplyReviewCommand, review: ReviewState, keyId: string, followUp: FollowUp): Promise<ReviewState> {
    const context = { reviewId: command.reviewId, workspaceId: command.workspaceId, actor: keyActor(command.callerKeyId), now: this.clock.now() };
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.recording.record(review, [decideApplied(review, keyId, followUp)], context);
      } catch (error) {
        // A decision on another key landed meanwhile: record on top of it.
        if (attempt >= 5 || !(error instanceof ConcurrencyError)) throw error;
        review = await this.recording.load(command.workspaceId, command.reviewId);
      }
    }
  }
}
