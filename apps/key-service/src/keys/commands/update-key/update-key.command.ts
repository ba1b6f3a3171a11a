import { Command } from '@nestjs/cqrs';
import type { KeyLimits } from '@pxxl/contracts';
import type { KeyCommandResult } from '../shared/key-command.result';

export class UpdateKeyCommand extends Command<KeyCommandResult> {
  constructor(
    readonly keyId: string,
    readonly workspaceId: string,
    readonly actor: string,
    readonly changes: { name?: string; description?: string | null; limits?: Partial<KeyLimits>; owner?: string | null },
    readonly expectedVersion?: number,
  ) {
    super();
  }
}
