import type { KeyViewReader } from '@pxxl/key-read-model';
import type { KeySource, VerifiableKey } from '../steps/read-key';

/** The read step against the MongoDB read model: one `_id` lookup. */
export class KeyViewSource implements KeySource {
  constructor(private readonly reader: KeyViewReader) {}

  read(keyId: string): Promise<VerifiableKey | null> {
    return this.reader.findById(keyId);
  }
}
