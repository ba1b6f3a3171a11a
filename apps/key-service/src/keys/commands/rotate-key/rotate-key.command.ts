import { Command } from '@nestjs/cqrs';
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
    readonly gracePeriodSeconds: number | undefined,
    /** From If-Match; undefined decides on the state loaded. */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
