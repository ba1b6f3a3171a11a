import type { FastifyInstance } from 'fastify';
import { ApiError, ApiErrors } from './api-error';

export const MAX_JSON_DEPTH = 32;

export type JsonShapeProblem = 'TOO_DEEP' | 'FORBIDDEN_PROPERTY' | undefined;

const hasOwn = (node: object, key: string) => Object.prototype.hasOwnProperty.call(node, key);

/**
 * What a parsed body may not be, found in one iterative walk (a recursive walk is what deep input
 * attacks): nested deeper than 32 levels, or carrying a `__proto__` key or a `constructor` with a
 * `prototype` anywhere (JSON.parse makes them own properties; merging them elsewhere would not).
 */
export function jsonShapeProblem(value: unknown): JsonShapeProblem {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_JSON_DEPTH) return 'TOO_DEEP';
    if (!Array.isArray(node)) {
      if (hasOwn(node, '__proto__')) return 'FORBIDDEN_PROPERTY';
      const ctor = (node as Record<string, unknown>).constructor;
      if (hasOwn(node, 'constructor') && typeof ctor === 'object' && ctor !== null && hasOwn(ctor, 'prototype')) return 'FORBIDDEN_PROPERTY';
    }
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return undefined;
}

/**
 * Bodies are JSON and nothing else: other media types answer 415, JSON that
 * is invalid (MALFORMED_JSON), nested deeper than 32 levels (JSON_TOO_DEEP), or carries `__proto__` /
 * `constructor.prototype` (FORBIDDEN_PROPERTY) answers 400 before any route code runs. Parsed here,
 * not by Fastify's parser, which answers every one of these as the same invalid-JSON error.
 */
export function registerJsonBodyParser(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return done(ApiErrors.malformedJson());
    }
    const problem = jsonShapeProblem(value);
    if (problem === 'FORBIDDEN_PROPERTY') return done(new ApiError(400, 'FORBIDDEN_PROPERTY', 'the body may not set __proto__ or constructor.prototype'));
    if (problem === 'TOO_DEEP') return done(new ApiError(400, 'JSON_TOO_DEEP', `the body nests deeper than ${MAX_JSON_DEPTH} levels`, { maxDepth: MAX_JSON_DEPTH }));
    done(null, value);
  });
}
