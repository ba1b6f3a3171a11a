import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '../../domain/api-key';
import { KeyChanger } from '../shared/key-changer';
import type { KeyCommandResult } from '../shared/key-command.result';
import { RevokeKeyCommand } from './revoke-key.command';

@CommandHandler(RevokeKeyCommand)
export class RevokeKeyHandler implements ICommandHandler<RevokeKeyCommand, KeyCommandResult> {
  constructor(private readonly changer: KeyChanger) {}

  async execute(command: RevokeKeyCommand): Promise<KeyCommandResult> {
    const { state: _state, ...result } = await this.changer.change(command, (state) => decide({ type: 'RevokeKey', reason: command.reason }, state));
    return result;
  }
}
