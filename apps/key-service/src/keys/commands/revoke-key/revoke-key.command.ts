import { Command } from '@nestjs/cqrs';
import type { KeyCommandResult } from '../shared/key-command.result';

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
