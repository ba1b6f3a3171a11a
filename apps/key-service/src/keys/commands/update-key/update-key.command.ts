import { Command } from '@nestjs/cqrs';
import type { KeyCommandResult } from '../shared/key-command.result';

export class UpdateKeyCommand extends Command<KeyCommandResult> {
  constructor(
    readonly keyId: string,
    readonly workspaceId: string,
    readonly actor: string,
    readonly changes: { name?: string; description?: string | null },
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
