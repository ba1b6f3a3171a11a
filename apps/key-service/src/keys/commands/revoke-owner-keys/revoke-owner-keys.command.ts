import { Command } from '@nestjs/cqrs';
import type { OwnerKeysResult } from '../shared/owner-keys';

export class RevokeOwnerKeysCommand extends Command<OwnerKeysResult> {
  constructor(
    readonly workspaceId: string,
    readonly actor: string,
    readonly owner: string,
    readonly reason: string | undefined,
  ) {
    super();
  }
}
