import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '../../domain/api-key';
import { PolicyLoader } from '../../queries/shared/policy-loader';
import { KeyChange } from '../shared/record-events';
import type { KeyCommandResult } from '../shared/key-command.result';
import { UpdateKeyCommand } from './update-key.command';

@CommandHandler(UpdateKeyCommand)
export class UpdateKeyHandler implements ICommandHandler<UpdateKeyCommand, KeyCommandResult> {
  constructor(
    private readonly keys: KeyChange,
    private readonly policies: PolicyLoader,
  ) {}

  async execute(command: UpdateKeyCommand): Promise<KeyCommandResult> {
    // Changed limits must fit the workspace policy's maxima.
    const { policy } = await this.policies.load(command.workspaceId);
    const { state: _state, ...result } = await this.keys.changeKey(command, (state) => decide({ type: 'UpdateKey', ...command.changes, policy }, state));
    return result;
  }
}
