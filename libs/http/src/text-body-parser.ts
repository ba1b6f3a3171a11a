import type { FastifyInstance } from 'fastify';
import { ApiErrors } from './api-error';

/**
 * Plain-text bodies (`text/plain`, UTF-8), accepted only on the given paths (a C2SP note posted by
 * a witness). Everywhere else the API stays JSON-only and answers such a body 415, as before.
 */
export function registerTextBodyParser(fastify: FastifyInstance, bodyLimit: number, paths: readonly string[]): void {
  fastify.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const path = request.url.split('?')[0];
    if (!paths.includes(path)) return done(ApiErrors.unsupportedMediaType(), undefined);
    done(null, String(body));
  });
}
