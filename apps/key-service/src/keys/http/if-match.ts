import { ApiError } from '@pxxl/http';

/** `If-Match: "3"` (also `W/"3"` or `3`) → 3; absent → undefined. The ETag of a key is its version. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ApiError(400, 'INVALID_IF_MATCH', 'If-Match must be the ETag of the key, e.g. "3"', {});
  }
  return Number(match[1]);
}

export const etag = (version: number) => `"${version}"`;
