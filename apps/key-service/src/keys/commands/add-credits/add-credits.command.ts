import { Command } from '@nestjs/cqrs';
import type { KeyCommandResult } from '../shared/key-command.result';

export class AddCreditsCommand extends Command<KeyCommandResult> {
  constructor(
    readonly keyId: string,
    readonly workspaceId: string,
    readonly actor: string,
    readonly amount: number,
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
