import { Command } from '@nestjs/cqrs';

export type BrowserUseOutcome = 'recorded' | 'duplicate' | 'throttled' | 'busy' | 'not-a-key';

/** A key was presented with browser signals and refused: record it for the key, if the key is real. */
export class RecordBrowserUseCommand extends Command<BrowserUseOutcome> {
  constructor(
    /** In memory only: used to check the secret, never stored or logged. */
    readonly token: string,
    readonly origin: string | null,
    readonly secFetchMode: string | null,
    readonly secFetchSite: string | null,
    readonly route: string,
  ) {
    super();
  }
}
