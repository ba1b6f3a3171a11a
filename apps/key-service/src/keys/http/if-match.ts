import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { AnswersErrors, ApiError } from '@pxxl/http';

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

/** The ETag as a response header in the contract. */
export const ETAG_HEADER = { ETag: { description: 'the version, quoted: send it back as If-Match', schema: { type: 'string', pattern: '^"[0-9]+"$' } } };

/**
 * A route that changes a versioned stream: its optional If-Match (the pattern parseIfMatch takes)
 * and what it answers about it; `what` names the stream in the description.
 */
export const IfMatchRoute = (what: 'key' | 'policy') =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: `the ${what}’s ETag (its version); a stale one answers 412, an empty or malformed one 400`,
      schema: { type: 'string', pattern: '^\\s*(W/)?"?[0-9]{1,9}"?\\s*$' },
    }),
    AnswersErrors('INVALID_IF_MATCH', 'VERSION_MISMATCH', 'CONCURRENT_MODIFICATION'),
  );
