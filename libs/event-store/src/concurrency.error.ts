/** Thrown by an append when one of its versions is stored already: another writer decided first. */
export class ConcurrencyError extends Error {
  readonly code = 'CONCURRENT_MODIFICATION';
  constructor(
    /** The keyId, or `policy:<workspaceId>`. */
    readonly streamId: string,
    readonly version: number,
  ) {
    super(`another change to ${streamId} was stored first (version ${version} exists)`);
    this.name = 'ConcurrencyError';
  }
}
