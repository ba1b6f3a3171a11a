import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '../../domain/api-key';
import { KeyChanger } from '../shared/key-changer';
import type { KeyCommandResult } from '../shared/key-command.result';
import { UpdateKeyCommand } from './update-key.command';

@CommandHandler(UpdateKeyCommand)
export class UpdateKeyHandler implements ICommandHandler<UpdateKeyCommand, KeyCommandResult> {
  constructor(private readonly changer: KeyChanger) {}

  async execute(command: UpdateKeyCommand): Promise<KeyCommandResult> {
    const { state: _state, ...result } = await this.changer.change(command, (state) => decide({ type: 'UpdateKey', ...command.changes }, state));
    return result;
  }
}
