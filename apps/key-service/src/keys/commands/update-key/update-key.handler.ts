import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '../../domain/api-key';
import { KeyChange } from '../shared/record-events';
import type { KeyCommandResult } from '../shared/key-command.result';
import { UpdateKeyCommand } from './update-key.command';

@CommandHandler(UpdateKeyCommand)
export class UpdateKeyHandler implements ICommandHandler<UpdateKeyCommand, KeyCommandResult> {
  constructor(private readonly keys: KeyChange) {}

  async execute(command: UpdateKeyCommand): Promise<KeyCommandResult> {
    const { state: _state, ...result } = await this.keys.changeKey(command, (state) => decide({ type: 'UpdateKey', ...command.changes }, state));
    return result;
  }
}
