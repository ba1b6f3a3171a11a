import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, SYSTEM_ACTOR, type Clock, type KeyEvent } from '@pxxl/contracts';
import { decide } from '../../domain/api-key';
import { DomainError } from '../../domain/api-key.errors';
import { dueNotice, expiryNoticeDaysOf } from '../../domain/expiry-notices';
import { ConcurrencyError, EXPIRY_CANDIDATES, type ExpiryCandidate, type ExpiryCandidates } from '../../ports';
import { PolicyLoader } from '../../queries/shared/policy-loader';
import { KeyChange } from '../shared/record-events';

const DAY_MS = 24 * 3600 * 1000;

/** What one pass did. `raced`: another instance decided first (a conflict, ignored) or had already noticed it. */
export interface ExpiryNoticeRun {
  emitted: KeyEvent[];
  raced: number;
  failed: number;
}

/**
 * One pass of the expiry scheduler: for each workspace, its thresholds, the
 * keys the read model has near or past their expiry, the notice each is due
 * by the read model's record, and for those only, the key's own command
 * path: load the stream, `decide(NoticeExpiry)` on it, append at the next
 * version. Exactly once holds across instances and restarts because of the
 * stream, not the read model: the decider never decides a notice the stream
 * already has, and two instances deciding on the same version collide on
 * `_id` — the second gets a ConcurrencyError and drops its copy.
 */
@Injectable()
export class EmitExpiryNotices {
  private readonly logger = new Logger('ExpiryNotices');

  constructor(
    @Inject(EXPIRY_CANDIDATES) private readonly candidates: ExpiryCandidates,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policies: PolicyLoader,
    private readonly keys: KeyChange,
  ) {}

  async emitDue(): Promise<ExpiryNoticeRun> {
    const run: ExpiryNoticeRun = { emitted: [], raced: 0, failed: 0 };
    for (const workspaceId of await this.candidates.workspaces()) {
      const thresholdDays = expiryNoticeDaysOf((await this.policies.load(workspaceId)).policy);
      const now = this.clock.now();
      const horizon = new Date(now.getTime() + Math.max(0, ...thresholdDays) * DAY_MS);
      for (const candidate of await this.candidates.expiringBy(workspaceId, horizon)) {
        if (dueNotice(candidate, thresholdDays, now) !== null) await this.emit(candidate, thresholdDays, run);
      }
    }
    if (run.emitted.length + run.raced + run.failed > 0) {
      this.logger.log({ msg: 'expiry notices', emitted: run.emitted.length, raced: run.raced, failed: run.failed });
    }
    return run;
  }

  private async emit(candidate: ExpiryCandidate, thresholdDays: number[], run: ExpiryNoticeRun): Promise<void> {
    try {
      const { events } = await this.keys.changeKey({ keyId: candidate.keyId, workspaceId: candidate.workspaceId, actor: SYSTEM_ACTOR }, (state, now) =>
        decide({ type: 'NoticeExpiry', thresholdDays, now }, state),
      );
      if (events.length === 0) run.raced++;
      run.emitted.push(...events);
    } catch (error) {
      if (error instanceof ConcurrencyError) {
        run.raced++;
        return;
      }
      run.failed++;
      // The next pass tries again; a key gone from the stream (KEY_NOT_FOUND) is a view ahead of a wiped store.
      this.logger.warn({ msg: 'could not emit an expiry notice; the next pass retries', keyId: candidate.keyId, error: error instanceof DomainError ? error.code : String(error) });
    }
  }
}
