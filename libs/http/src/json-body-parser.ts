import type { FastifyInstance } from 'fastify';
import { ApiError, ApiErrors } from './api-error';

export const MAX_JSON_DEPTH = 32;

/** Depth of nested arrays/objects, iteratively (a recursive walk is what deep input attacks). */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Bodies are JSON and nothing else: other media types answer 415, JSON that
 * is invalid, nested deeper than 32 levels, or carries `__proto__` /
 * `constructor.prototype` answers 400 before any route code runs.
 */
export function registerJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  const parseSafely = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    parseSafely(request, text, (error: Error | null, value?: unknown) => {
      if (error) {
        const pollution = /prototype/i.test(error.message);
        return done(pollution ? new ApiError(400, 'FORBIDDEN_PROPERTY', 'the body may not set __proto__ or constructor.prototype') : ApiErrors.malformedJson());
      }
      if (jsonDepth(value) > MAX_JSON_DEPTH) {
        return done(new ApiError(400, 'JSON_TOO_DEEP', `the body nests deeper than ${MAX_JSON_DEPTH} levels`, { maxDepth: MAX_JSON_DEPTH }));
      }
      done(null, value);
    });
  });
}
