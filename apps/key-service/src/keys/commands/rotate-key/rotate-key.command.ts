import { Command } from '@nestjs/cqrs';
import type { Grantor } from '../../domain/grant-rules';
import type { CreateKeyResult } from '../create-key/create-key.result';

export interface RotateKeyResult extends CreateKeyResult {
  gracePeriodSeconds: number;
  /** Until when the previous secret still verifies; null when it stopped at once. */
  previousSecretValidUntil: string | null;
}

export class RotateKeyCommand extends Command<RotateKeyResult> {
  constructor(
    readonly keyId: string,
    readonly workspaceId: string,
    readonly actor: string,
    /** A rotation hands out a new secret for the key's scopes: the caller must hold them (no escalation). */
    readonly grantor: Grantor,
    readonly gracePeriodSeconds: number | undefined,
    /** From If-Match; undefined decides on the state loaded. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
