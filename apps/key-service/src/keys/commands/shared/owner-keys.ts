import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@pxxl/contracts';
import type { KeyView } from '@pxxl/key-read-model';
import { DomainError } from '../../domain/api-key.errors';
import { ConcurrencyError, KEY_READ_MODEL, type KeyReadModel } from '../../ports';

/** What happened to one key of a bulk owner action. */
export interface OwnerKeyOutcome {
  keyId: string;
  outcome: 'rotated' | 'revoked' | 'failed';
  /** With `failed`: the stable code the key's own command refused with (SCOPE_ESCALATION, EXPIRY_TOO_FAR, CONCURRENT_MODIFICATION, …). */
  code?: string;
  message?: string;
}

export interface OwnerKeysResult<T extends OwnerKeyOutcome = OwnerKeyOutcome> {
  owner: string;
  results: T[];
}

const PAGE = 100;

/**
 * The keys a bulk owner action works on: every active key of the owner in
 * the workspace, as the read model lists them (all pages, read before any is
 * changed). Each is then changed through its own command.
 */
@Injectable()
export class OwnerKeys {
  constructor(
    @Inject(KEY_READ_MODEL) private readonly keys: KeyReadModel,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async active(workspaceId: string, owner: string): Promise<KeyView[]> {
    const found: KeyView[] = [];
    for (let after: { createdAt: Date; keyId: string } | undefined; ; ) {
      const page = await this.keys.list({ workspaceId, statuses: ['active'], owner, after, limit: PAGE, now: this.clock.now() });
      found.push(...page);
      if (page.length < PAGE) return found;
      const last = page[page.length - 1];
      after = { createdAt: last.createdAt, keyId: last._id };
    }
  }

  /** Runs one key's command; a refusal (a domain error or a concurrent change) is that key's outcome, an outage is the whole call's. */
  async each<T extends OwnerKeyOutcome>(views: KeyView[], act: (view: KeyView) => Promise<T>): Promise<Array<T | OwnerKeyOutcome>> {
    const results: Array<T | OwnerKeyOutcome> = [];
    // One key at a time: each waits for its projection, and a burst of bcrypt hashes would starve verification.
    for (const view of views) {
      try {
        results.push(await act(view));
      } catch (error) {
        if (!(error instanceof DomainError) && !(error instanceof ConcurrencyError)) throw error;
        results.push({ keyId: view._id, outcome: 'failed', code: error.code, message: error.message });
      }
    }
    return results;
  }
}
