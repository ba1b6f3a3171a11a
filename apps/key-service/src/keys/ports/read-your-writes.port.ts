/** Read-your-writes: waits until the verification read model has applied a key's version. */
export interface ReadModelWaiter {
  /** true once the read model holds `version` (or later) of the key; false when `timeoutMs` passes first. */
  waitForVersion(keyId: string, version: number, timeoutMs: number): Promise<boolean>;
}

export const READ_MODEL_WAITER = 'READ_MODEL_WAITER';
