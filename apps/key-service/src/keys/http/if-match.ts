import { ApiError } from '@pxxl/http';

// Shared by every route that reads or changes a versioned stream (a key, the workspace policy): the ETag is the version.

/**
 * `If-Match: "3"` (also `W/"3"` or `3`) → 3; absent → undefined. The ETag of a key is its version.
 * An empty If-Match is not "absent": it is a precondition nobody can meet, refused like any other.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ApiError(400, 'INVALID_IF_MATCH', 'If-Match must be the ETag of the key, e.g. "3"', {});
  }
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;

/** The If-Match header as the key routes that change a key document it. */
export const KEY_IF_MATCH = { name: 'If-Match', required: false, description: 'the key’s ETag (its version); a stale one answers 412' };
