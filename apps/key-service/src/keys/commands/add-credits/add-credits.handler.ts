import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { decide } from '../../domain/api-key';
import { KeyChange } from '../shared/record-events';
import type { KeyCommandResult } from '../shared/key-command.result';
import { AddCreditsCommand } from './add-credits.command';

/** A top-up of the usage quota: one KeyCreditsAdded, for the period it lands in. */
@CommandHandler(AddCreditsCommand)
export class AddCreditsHandler implements ICommandHandler<AddCreditsCommand, KeyCommandResult> {
  constructor(private readonly keys: KeyChange) {}

  async execute(command: AddCreditsCommand): Promise<KeyCommandResult> {
    const { state: _state, ...result } = await this.keys.changeKey(command, (state, now) => decide({ type: 'AddCredits', amount: command.amount, now }, state));
    return result;
  }
}
