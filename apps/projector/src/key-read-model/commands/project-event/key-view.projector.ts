import { Inject, Injectable, Logger } from '@nestjs/common';
import { describeEvent, type KeyEvent } from '@pxxl/contracts';
import { project } from '@pxxl/key-read-model';
import { KEY_VIEW_STORE, type KeyViewStore } from '../../ports';

export type ApplyOutcome = 'applied' | 'duplicate' | 'gap';

/** Applies one key event to its view: the pure projection decides, the store's guarded writes make a replay change nothing. */
@Injectable()
export class KeyViewProjector {
  private readonly logger = new Logger(KeyViewProjector.name);

  constructor(@Inject(KEY_VIEW_STORE) private readonly views: KeyViewStore) {}

  async apply(event: KeyEvent): Promise<ApplyOutcome> {
    // A creation needs no current view: its insert is guarded by `_id`.
    const current = event.type === 'KeyCreated' ? null : await this.views.find(event.keyId);
    const op = project(event, current);
    switch (op.kind) {
      case 'insert':
        return (await this.views.insert(op.view)) ? 'applied' : 'duplicate';
      case 'update':
        return (await this.views.updateAt(op.keyId, op.expectedVersion, op.set)) ? 'applied' : 'duplicate';
      case 'skip':
        if (op.reason === 'gap') this.logger.error({ msg: `event arrived before its predecessor: ${describeEvent(event)}` });
        return op.reason;
    }
  }
}
