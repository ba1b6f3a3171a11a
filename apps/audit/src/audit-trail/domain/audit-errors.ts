/**
 * Expected refusals of the reviewer API, with stable codes; the HTTP status
 * is chosen at the edge (http/audit-error.mapper.ts).
 */
export class AuditError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AuditError';
  }
}

export const AuditErrors = {
  keyNotFound: (keyId: string) => new AuditError('KEY_NOT_FOUND', 'no such key in this workspace', { keyId }),
  invalidCursor: () => new AuditError('INVALID_CURSOR', 'the cursor is not one this API returned for this order'),
  invalidRange: (from: string, to: string) => new AuditError('INVALID_RANGE', '`from` must be before `to`', { from, to }),
  bundleNotFilterable: () => new AuditError('BUNDLE_NOT_FILTERABLE', 'a bundle holds the whole trail up to its checkpoint: leave out filters and seq ranges'),
  invalidSeqRange: (fromSeq: number, toSeq: number) => new AuditError('INVALID_RANGE', '`fromSeq` must not be after `toSeq`', { fromSeq, toSeq }),
  invalidAnchor: () => new AuditError('INVALID_ANCHOR', 'give both expectSeq and expectHash (a chain head published earlier), or neither'),
};
