import { Injectable, type OnModuleInit } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { inSpan, tracingEnabled } from '@pxxl/observability';
import { commandTypeOf } from './command-metrics';

/**
 * With tracing on, every command on the app's bus is a span `command <type>`
 * (child of the request's), holding its decide, append and publish spans;
 * wrapped where every dispatcher passes, as the command metrics are.
 */
@Injectable()
export class CommandTracing implements OnModuleInit {
  constructor(private readonly bus: CommandBus) {}

  onModuleInit(): void {
    if (!tracingEnabled()) return;
    const execute = this.bus.execute.bind(this.bus);
    this.bus.execute = ((command: ICommand) =>
      inSpan(`command ${commandTypeOf(command)}`, () => execute(command as never), { attributes: { 'pxxl.command': commandTypeOf(command) } })) as CommandBus['execute'];
  }
}
