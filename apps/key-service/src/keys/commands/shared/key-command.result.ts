import type { KeyEvent } from '@pxxl/contracts';

/** What a lifecycle command answers: the key's new version, and whether verification already reflects it. */
export interface KeyCommandResult {
  keyId: string;
  version: number;
  events: KeyEvent[];
  projected: boolean;
}
