import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { METRICS, type Metrics } from '@pxxl/observability';

const STABLE_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/** A command's outcome as a label: `ok`, the stable code of an expected refusal (KEY_ALREADY_REVOKED), or `error`. */
export function outcomeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STABLE_CODE.test(code) ? code : 'error';
}

/** `RevokeKeyCommand` → `RevokeKey`: the command's own class, which the handlers already register by. */
export const commandTypeOf = (command: ICommand): string => command.constructor.name.replace(/Command$/, '');

/**
 * pxxl_keys_commands_total{type,outcome}: every command on the app's bus,
 * whoever dispatched it (HTTP, dashboard, CLI, browser-use signals), counted
 * where they all pass rather than in each handler.
 */
@Injectable()
export class CommandMetrics implements OnModuleInit {
  constructor(
    private readonly bus: CommandBus,
    @Optional() @Inject(METRICS) private readonly metrics?: Metrics,
  ) {}

  onModuleInit(): void {
    if (!this.metrics) return;
    const commands = this.metrics.counter('commands');
    const execute = this.bus.execute.bind(this.bus);
    this.bus.execute = (async (command: ICommand) => {
      try {
        const result = await execute(command as never);
        commands.inc({ type: commandTypeOf(command), outcome: 'ok' });
        return result;
      } catch (error) {
        commands.inc({ type: commandTypeOf(command), outcome: outcomeOf(error) });
        throw error;
      }
    }) as CommandBus['execute'];
  }
}
