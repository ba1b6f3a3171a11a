import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RotateKeyCommand } from '../rotate-key/rotate-key.command';
import { OwnerKeys } from '../shared/owner-keys';
import { UpdateKeyCommand } from '../update-key/update-key.command';
import { RotateOwnerKeysCommand, type RotatedOwnerKey, type RotateOwnerKeysResult } from './rotate-owner-keys.command';

/** Someone leaves: every active key of the owner, each reassigned (if asked) and rotated through its own commands. */
@CommandHandler(RotateOwnerKeysCommand)
export class RotateOwnerKeysHandler implements ICommandHandler<RotateOwnerKeysCommand, RotateOwnerKeysResult> {
  constructor(
    private readonly ownerKeys: OwnerKeys,
    private readonly commandBus: CommandBus,
  ) {}

  async execute(command: RotateOwnerKeysCommand): Promise<RotateOwnerKeysResult> {
    const { workspaceId, actor, owner, options } = command;
    const since = options.notRotatedSince;
    const views = (await this.ownerKeys.active(workspaceId, owner)).filter(
      (view) => since === undefined || new Date(view.rotatedAt ?? view.createdAt).getTime() < since.getTime(),
    );
    const results = await this.ownerKeys.each(views, async (view): Promise<RotatedOwnerKey> => {
      if (options.newOwner !== undefined && options.newOwner !== owner) {
        await this.commandBus.execute(new UpdateKeyCommand(view._id, workspaceId, actor, { owner: options.newOwner }));
      }
      const rotated = await this.commandBus.execute(new RotateKeyCommand(view._id, workspaceId, actor, command.grantor, options.gracePeriodSeconds));
      return {
        keyId: view._id,
        outcome: 'rotated',
        key: rotated.token,
        displayPrefix: rotated.displayPrefix,
        owner: rotated.owner,
        version: rotated.version,
        gracePeriodSeconds: rotated.gracePeriodSeconds,
        previousSecretValidUntil: rotated.previousSecretValidUntil,
        consistency: rotated.projected ? 'verifiable' : 'pending',
      };
    });
    return { owner, results };
  }
}
