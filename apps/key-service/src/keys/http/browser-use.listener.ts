import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { BrowserUseAttempt, BrowserUseListener } from '@pxxl/http';
import { RecordBrowserUseCommand } from '../commands/record-browser-use/record-browser-use.command';

export const KEY_SERVICE_BROWSER_USE_LISTENER = 'KEY_SERVICE_BROWSER_USE_LISTENER';

/**
 * Hands refused browser use to the command bus, in the background: the 403 never waits for it.
 * Here, not in a use case's folder: the HTTP app's browser-use check calls it for every route.
 */
@Injectable()
export class BrowserUseCommandDispatcher implements BrowserUseListener {
  private readonly logger = new Logger(BrowserUseCommandDispatcher.name);

  constructor(private readonly commandBus: CommandBus) {}

  browserUseRefused(attempt: BrowserUseAttempt): void {
    const command = new RecordBrowserUseCommand(attempt.token, attempt.origin, attempt.secFetchMode, attempt.secFetchSite, attempt.route);
    this.commandBus.execute(command).catch((error: unknown) => {
      this.logger.warn({ msg: 'could not record a refused browser use', route: attempt.route, error: String(error) });
    });
  }
}
