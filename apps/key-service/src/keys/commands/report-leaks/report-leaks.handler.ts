import { Inject, Logger } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { parseToken, SYSTEM_ACTOR } from '@pxxl/contracts';
import { DomainError } from '../../domain/api-key.errors';
import { ConcurrencyError, KEY_READ_MODEL, KEY_VERIFICATION, LEAK_REPORT_STORE, type KeyReadModel, type KeyVerification, type LeakOutcome, type LeakReportStore } from '../../ports';
import { RevokeKeyCommand } from '../revoke-key/revoke-key.command';
import type { LeakReport } from './leak-report';
import { ReportLeaksCommand, type LeakProcessing } from './report-leaks.command';

/** The reason a reported key is revoked with (KeyRevoked, actor `system`). */
export const LEAKED_REASON = 'leaked';
/** Tokens waiting at most; beyond that a flood of reports is dropped (a real scanner reports again). */
const MAX_QUEUED_TOKENS = 5_000;
const REVOKE_ATTEMPTS = 3;

/**
 * Leaked-key reports, one token at a time in the background: a token whose
 * secret verifies (not revoked) is revoked at once with reason `leaked`
 * through the normal RevokeKeyCommand, and the report is kept without the
 * token. Anything else changes nothing. A key id that does not exist costs no
 * bcrypt here: there is no caller waiting to time us.
 */
@CommandHandler(ReportLeaksCommand)
export class ReportLeaksHandler implements ICommandHandler<ReportLeaksCommand, LeakProcessing> {
  private readonly logger = new Logger(ReportLeaksHandler.name);
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;

  constructor(
    @Inject(KEY_VERIFICATION) private readonly verifier: KeyVerification,
    @Inject(KEY_READ_MODEL) private readonly keys: KeyReadModel,
    @Inject(LEAK_REPORT_STORE) private readonly reports: LeakReportStore,
    private readonly commandBus: CommandBus,
  ) {}

  execute(command: ReportLeaksCommand): Promise<LeakProcessing> {
    const unique = [...new Map(command.reports.map((r) => [r.token, r])).values()];
    const accepted = unique.slice(0, Math.max(0, MAX_QUEUED_TOKENS - this.queued));
    const dropped = command.reports.length - accepted.length;
    if (unique.length > accepted.length) this.logger.warn({ msg: 'leak reports dropped: too many queued', dropped: unique.length - accepted.length });
    this.queued += accepted.length;
    const run = this.tail.then(() => this.processAll(accepted, command.receivedAt, dropped));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async processAll(reports: LeakReport[], receivedAt: Date, dropped: number): Promise<LeakProcessing> {
    const result: LeakProcessing = { revoked: 0, alreadyRevoked: 0, ignored: dropped };
    for (const report of reports) {
      try {
        const outcome = await this.process(report, receivedAt);
        if (outcome === 'revoked') result.revoked++;
        else if (outcome === 'already_revoked') result.alreadyRevoked++;
        else result.ignored++;
      } catch (error) {
        // Infrastructure failed (store down): say which key, so an operator can revoke it by hand.
        const parsed = parseToken(report.token);
        const keyId = parsed.ok ? parsed.token.keyId : null;
        this.logger.error({ msg: 'could not handle a leak report; revoke the key by hand', keyId, error: String(error) });
        result.ignored++;
      } finally {
        this.queued--;
      }
    }
    this.logger.log({ msg: 'processed a leak report', ...result });
    return result;
  }

  private async process(report: LeakReport, receivedAt: Date): Promise<LeakOutcome | 'ignored'> {
    const parsed = parseToken(report.token);
    if (!parsed.ok) return 'ignored';
    const { keyId } = parsed.token;
    const view = await this.keys.get(keyId);
    if (view === null) return 'ignored';
    const { code } = await this.verifier.verify(report.token);
    let outcome: LeakOutcome;
    if (code === 'REVOKED') outcome = 'already_revoked';
    else if (code === 'VALID' || code === 'EXPIRED') outcome = await this.revoke(keyId, view.workspaceId);
    else return 'ignored';
    await this.reports.record({ keyId, workspaceId: view.workspaceId, source: report.source, url: report.url, receivedAt, outcome });
    this.logger.warn({ msg: 'a reported leaked key was checked', keyId, outcome });
    return outcome;
  }

  /** Revokes through the normal command (event, projection, audit); a concurrent change is retried. */
  private async revoke(keyId: string, workspaceId: string): Promise<LeakOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.commandBus.execute(new RevokeKeyCommand(keyId, workspaceId, SYSTEM_ACTOR, LEAKED_REASON));
        return 'revoked';
      } catch (error) {
        if (error instanceof DomainError && error.code === 'KEY_ALREADY_REVOKED') return 'already_revoked';
        if (!(error instanceof ConcurrencyError) || attempt >= REVOKE_ATTEMPTS) throw error;
      }
    }
  }
}
