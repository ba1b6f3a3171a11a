import { applyDecorators, Injectable, type PipeTransform } from '@nestjs/common';
import { ApiHeader, ApiParam } from '@nestjs/swagger';
import { isKeyId, KEY_ID_SHAPE } from '@pxxl/contracts';
import { AnswersErrors, ApiError } from '@pxxl/http';

// What a key route takes besides its body: the `{id}` in its path and, when it reads or changes a
// versioned stream (a key, the workspace policy), the version as ETag / If-Match.

/** Shared by every route with a key id in its path, the dashboard's pages included. */
@Injectable()
export class KeyIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isKeyId(value)) throw new ApiError(400, 'INVALID_KEY_ID', 'a key id is 16 letters and digits', {});
    return value;
  }
}

/** The `{id}` of a key route in the contract: the shape KeyIdPipe takes, and what such a route answers for it. */
export const KeyIdRoute = () =>
  applyDecorators(
    ApiParam({ name: 'id', required: true, description: 'the key id', schema: { type: 'string', pattern: KEY_ID_SHAPE.source, example: 'k3PXrQ8yZt2mW9aB' } }),
    AnswersErrors('INVALID_KEY_ID', 'KEY_NOT_FOUND'),
  );

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
