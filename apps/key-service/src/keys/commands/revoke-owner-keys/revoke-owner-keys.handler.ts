import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RevokeKeyCommand } from '../revoke-key/revoke-key.command';
import { OwnerKeys, type OwnerKeyOutcome, type OwnerKeysResult } from '../shared/owner-keys';
import { RevokeOwnerKeysCommand } from './revoke-owner-keys.command';

/** Someone leaves and their keys must stop: every active key of the owner, each revoked through its own command. A retry finds none left. */
@CommandHandler(RevokeOwnerKeysCommand)
export class RevokeOwnerKeysHandler implements ICommandHandler<RevokeOwnerKeysCommand, OwnerKeysResult> {
  constructor(
    private readonly ownerKeys: OwnerKeys,
    private readonly commandBus: CommandBus,
  ) {}

  async execute({ workspaceId, actor, owner, reason }: RevokeOwnerKeysCommand): Promise<OwnerKeysResult> {
    const views = await this.ownerKeys.active(workspaceId, owner);
    const results = await this.ownerKeys.each(views, async (view): Promise<OwnerKeyOutcome> => {
      await this.commandBus.execute(new RevokeKeyCommand(view._id, workspaceId, actor, reason ?? `owner ${owner} offboarded`));
      return { keyId: view._id, outcome: 'revoked' };
    });
    return { owner, results };
  }
}
