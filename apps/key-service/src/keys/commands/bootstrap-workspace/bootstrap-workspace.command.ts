import { Command } from '@nestjs/cqrs';
import type { CreateKeyResult } from '../create-key/create-key.result';

/** Creates the first admin key of a workspace, acting as `system`. */
export class BootstrapWorkspaceCommand extends Command<CreateKeyResult> {
  constructor(
    readonly workspaceId: string,
    /** Create another admin key even though an active one exists (recorded in the event as usual). */
    readonly force: boolean,
  ) {
    super();
  }
}
