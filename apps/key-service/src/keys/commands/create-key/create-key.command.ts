import { Command } from '@nestjs/cqrs';
import type { CreateKeyResult } from './create-key.result';

export class CreateKeyCommand extends Command<CreateKeyResult> {
  constructor(
    readonly workspaceId: string,
    /** `key:<callerKeyId>` or `system`. */
    readonly actor: string,
    readonly name: string,
    readonly description: string | null | undefined,
    readonly scopes: string[],
    readonly expiresAt: string | null | undefined,
  ) {
    super();
  }
}
