import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiErrors } from './api-error';
import { BrowserUseErrors } from './browser-use';

/**
 * The OpenAPI document as the exact truth of what a route answers (issue 14): each route names the
 * error codes its own logic answers; the statuses and codes every route of its kind answers (auth,
 * body parsing, the per-source limit, outages) are added from what the route is, and every error
 * answer is the one shared `ErrorResponse` with `code` narrowed to an enum of that status's codes.
 */
const ERROR_CODES = 'x-pxxl-error-codes';
/** @nestjs/swagger's metadata key of ApiExtension (its constants are not exported); the spec proves it still holds. */
const API_EXTENSION = 'swagger/apiExtension';

/**
 * On a route: the codes its own logic answers, beyond those of its kind (see {@link exactContract}).
 * Stacks: each use adds its codes (swagger's own ApiExtension keeps only the first value of a key).
 */
export const AnswersErrors =
  (...codes: string[]): MethodDecorator =>
  (_target, _key, descriptor) => {
    const method = descriptor.value as object;
    const extensions = (Reflect.getMetadata(API_EXTENSION, method) ?? {}) as Record<string, unknown>;
    const known = (extensions[ERROR_CODES] as string[] | undefined) ?? [];
    Reflect.defineMetadata(API_EXTENSION, { ...extensions, [ERROR_CODES]: [...known, ...codes] }, method);
    return descriptor;
  };

/** The codes of an error factory table, each made once with placeholder arguments. */
export function codesOf(factories: Record<string, (...args: never[]) => { code: string; status?: number }>): Map<string, number | undefined> {
  const codes = new Map<string, number | undefined>();
  for (const make of Object.values(factories)) {
    const error = make(...([['x'], ['x'], 2] as never[]));
    codes.set(error.code, error.status);
  }
  return codes;
}

/** Codes answered before or around any route's own logic. */
export const EDGE_CODES = {
  always: [ApiErrors.internal().code, ApiErrors.storeUnavailable().code],
  body: ['MALFORMED_HTTP_REQUEST', 'MALFORMED_JSON', 'JSON_TOO_DEEP', 'FORBIDDEN_PROPERTY', 'INVALID_BODY', 'VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  /** A body that is not JSON (text/plain): the JSON parser still answers a JSON one, but no DTO is validated. */
  textBody: ['MALFORMED_HTTP_REQUEST', 'MALFORMED_JSON', 'JSON_TOO_DEEP', 'FORBIDDEN_PROPERTY', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  requiredBody: ['BODY_REQUIRED'],
  query: ['VALIDATION_FAILED'],
  bearer: ['MALFORMED_AUTHORIZATION', 'MISSING_TOKEN', 'MALFORMED_TOKEN', 'INVALID_TOKEN', 'TOKEN_REVOKED', 'TOKEN_EXPIRED', 'INSUFFICIENT_SCOPE', 'TOO_MANY_ATTEMPTS', 'KEY_VERIFICATION_UNAVAILABLE'],
  browserUse: [...codesOf(BrowserUseErrors).keys()],
  sourceLimit: ['TOO_MANY_FAILURES_FROM_SOURCE'],
};

/** Statuses of the codes the HTTP layer itself answers; an app's error mapper knows the rest. */
export const EDGE_STATUS: ReadonlyMap<string, number> = new Map<string, number>([
  ...[...codesOf(ApiErrors)].map(([code, status]) => [code, status!] as [string, number]),
  ...[...codesOf(BrowserUseErrors)].map(([code, status]) => [code, status!] as [string, number]),
  ['JSON_TOO_DEEP', 400],
  ['FORBIDDEN_PROPERTY', 400],
  ['MALFORMED_AUTHORIZATION', 400],
  ['MISSING_TOKEN', 401],
  ['MALFORMED_TOKEN', 401],
  ['INVALID_TOKEN', 401],
  ['TOKEN_REVOKED', 401],
  ['TOKEN_EXPIRED', 401],
  ['INSUFFICIENT_SCOPE', 403],
  ['TOO_MANY_ATTEMPTS', 429],
  ['TOO_MANY_FAILURES_FROM_SOURCE', 429],
  ['KEY_VERIFICATION_UNAVAILABLE', 503],
]);

export interface ContractOptions {
  /** The HTTP status of a code (the app's error mapping); codes of the HTTP layer come from {@link EDGE_STATUS}. */
  statusOf: (code: string) => number;
  /** The per-source failure limit answers 429 on every route. */
  sourceLimit: boolean;
  /** Keys presented by a browser are refused on every route. */
  browserUse: boolean;
}

const ERROR_SCHEMA = 'ErrorResponse';
const OPEN_JSON = 'OpenJsonValue';

/**
 * Any JSON value the body parser takes (libs/http json-body-parser): no `__proto__` key and no
 * `constructor` holding a `prototype`, at any depth. For the open parts of a body (`$ref` it).
 */
export const OPEN_JSON_VALUE = { $ref: `#/components/schemas/${OPEN_JSON}` };

/** For an open object of a body: what the body parser refuses in it (FORBIDDEN_PROPERTY). */
export const WITHOUT_FORBIDDEN_PROPERTIES = [
  { not: { required: ['__proto__'] } },
  { not: { required: ['constructor'], properties: { constructor: { type: 'object', required: ['prototype'] } } } },
];

function openJsonSchema() {
  return {
    nullable: true,
    description: 'any JSON value without a __proto__ key or a constructor.prototype, at any depth (FORBIDDEN_PROPERTY)',
    anyOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: OPEN_JSON_VALUE },
      {
        type: 'object',
        additionalProperties: OPEN_JSON_VALUE,
        allOf: WITHOUT_FORBIDDEN_PROPERTIES,
      },
    ],
  };
}
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
type Operation = Record<string, any>;

function errorSchema() {
  return {
    type: 'object',
    required: ['code', 'message', 'details'],
    additionalProperties: false,
    description: 'every error answer: a stable code, a message for people, details',
    properties: {
      code: { type: 'string', example: 'KEY_ALREADY_REVOKED' },
      message: { type: 'string', example: 'the key is already revoked' },
      details: { type: 'object', additionalProperties: true, example: { keyId: 'k3PXrQ8yZt2mW9aB' } },
    },
  };
}

const refName = (schema: { $ref?: string } | undefined) => schema?.$ref?.split('/').pop();

/** Every code an operation can answer: its own, and those of what it is. */
export function codesOfOperation(operation: Operation, options: ContractOptions): string[] {
  const codes = new Set<string>(operation[ERROR_CODES] ?? []);
  const add = (list: string[]) => list.forEach((code) => codes.add(code));
  add(EDGE_CODES.always);
  if (options.sourceLimit) add(EDGE_CODES.sourceLimit);
  if (options.browserUse) add(EDGE_CODES.browserUse);
  if (operation.security?.some((requirement: Record<string, unknown>) => 'bearer' in requirement)) add(EDGE_CODES.bearer);
  if (operation.requestBody) add(operation.requestBody.content?.['application/json'] ? EDGE_CODES.body : EDGE_CODES.textBody);
  if (operation.requestBody?.required) add(EDGE_CODES.requiredBody);
  if (operation.parameters?.some((parameter: { in: string }) => parameter.in === 'query')) add(EDGE_CODES.query);
  return [...codes].sort();
}

/**
 * Rewrites the document Nest generated into the exact contract: error answers from the codes,
 * request bodies closed (`additionalProperties: false`, as the validation pipe refuses unknown
 * fields). Mutates and returns the document.
 */
export function exactContract(document: OpenAPIObject, options: ContractOptions): OpenAPIObject {
  const statusOf = (code: string) => EDGE_STATUS.get(code) ?? options.statusOf(code);
  const schemas = (document.components ??= {}).schemas ??= {};
  schemas[ERROR_SCHEMA] = errorSchema();
  schemas[OPEN_JSON] = openJsonSchema();
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = (path as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const byStatus = new Map<number, string[]>();
      for (const code of codesOfOperation(operation, options)) {
        const status = statusOf(code);
        byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
      }
      delete operation[ERROR_CODES];
      for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
        const existing = operation.responses[status];
        const existingSchema = existing?.content?.['application/json']?.schema;
        // A route's own non-error answer on that status (the health check's 503) stays as it is.
        if (existingSchema && refName(existingSchema) !== ERROR_SCHEMA) continue;
        operation.responses[status] = {
          description: existing?.description || codes.join(', '),
          content: {
            'application/json': {
              schema: { allOf: [{ $ref: `#/components/schemas/${ERROR_SCHEMA}` }, { type: 'object', properties: { code: { type: 'string', enum: codes } } }] },
            },
          },
        };
      }
      const body = refName(operation.requestBody?.content?.['application/json']?.schema);
      if (body && schemas[body]) (schemas[body] as Record<string, unknown>).additionalProperties = false;
    }
  }
  return document;
}
