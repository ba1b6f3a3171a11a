import { Command } from '@nestjs/cqrs';
import type { KeyCommandResult } from '../shared/key-command.result';

/** The reason DELETE /v1/keys/:id records: the key is revoked and hidden from the default listing. */
export const DELETED_REASON = 'deleted';

export class RevokeKeyCommand extends Command<KeyCommandResult> {
  constructor(
    readonly keyId: string,
    readonly workspaceId: string,
    readonly actor: string,
    readonly reason: string | null | undefined,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
