import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '../../domain/api-key';
import { KeyChange } from '../shared/record-events';
import type { KeyCommandResult } from '../shared/key-command.result';
import { RevokeKeyCommand } from './revoke-key.command';

@CommandHandler(RevokeKeyCommand)
export class RevokeKeyHandler implements ICommandHandler<RevokeKeyCommand, KeyCommandResult> {
  constructor(private readonly keys: KeyChange) {}

  async execute(command: RevokeKeyCommand): Promise<KeyCommandResult> {
    const { state: _state, ...result } = await this.keys.changeKey(command, (state) => decide({ type: 'RevokeKey', reason: command.reason }, state));
    return result;
  }
}
