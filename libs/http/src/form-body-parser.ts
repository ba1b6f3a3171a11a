import type { FastifyInstance } from 'fastify';
import { ApiErrors } from './api-error';

/** A form body: each field once as a string, repeated fields (checkboxes) as arrays. No prototype. */
export type FormBody = Record<string, string | string[]>;

const MAX_FIELDS = 200;

export function parseForm(text: string): FormBody {
  const form: FormBody = Object.create(null);
  let count = 0;
  for (const [name, value] of new URLSearchParams(text)) {
    if (++count > MAX_FIELDS) break;
    const existing = form[name];
    form[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return form;
}

/**
 * HTML form posts (`application/x-www-form-urlencoded`), accepted only under
 * `pathPrefix` (the dashboard's pages). Everywhere else the API stays
 * JSON-only and answers such a body 415, as before.
 */
export function registerFormBodyParser(fastify: FastifyInstance, bodyLimit: number, pathPrefix: string): void {
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    if (!request.url.startsWith(pathPrefix)) return done(ApiErrors.unsupportedMediaType(), undefined);
    done(null, parseForm(String(body)));
  });
}
