import { KEY_ID_SHAPE } from '@pxxl/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestStack } from '../support/stack';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operations(document: Json): Array<[string, Json]> {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => [`${method.toUpperCase()} ${path}`, item[method]] as [string, Json]),
  );
}

const codesAt = (operation: Json, status: number): string[] =>
  operation.responses[status]?.content?.['application/json']?.schema?.allOf?.[1]?.properties?.code?.enum ?? [];

/**
 * What outside tools found untrue in the documents (issue 14), each now checked here; schemathesis
 * (schemathesis.e2e-spec.ts) checks the rest against the server's answers.
 */
describe('the served OpenAPI documents', () => {
  let stack: TestStack;
  let keyService: Json;
  let audit: Json;
  const doc = (name: string) => readFileSync(join(__dirname, '..', '..', 'docs', name), 'utf8');
  const apiDoc = doc('api.md');
  const auditDoc = doc('audit.md');

  beforeAll(async () => {
    stack = await TestStack.start();
    keyService = (await stack.request('GET', '/docs-json')).body;
    audit = (await stack.request('GET', '/docs-json', { app: 'audit' })).body;
  });

  afterAll(() => stack.stop());

  it('declares the statuses every route answers: 500 and 503 everywhere; 401, 403, 429 where a key is needed; 413, 415 with a body', () => {
    for (const [name, operation] of operations(keyService)) {
      const statuses = Object.keys(operation.responses);
      expect({ name, has: ['429', '500', '503'].filter((s) => statuses.includes(s)) }).toEqual({ name, has: ['429', '500', '503'] });
      if (operation.security) expect({ name, has: ['401', '403'].filter((s) => statuses.includes(s)) }).toEqual({ name, has: ['401', '403'] });
      if (operation.requestBody) expect({ name, has: ['413', '415'].filter((s) => statuses.includes(s)) }).toEqual({ name, has: ['413', '415'] });
    }
    const byName = Object.fromEntries(operations(keyService));
    expect(codesAt(byName['GET /v1/keys/{id}'], 404)).toEqual(['KEY_NOT_FOUND']);
    expect(codesAt(byName['POST /v1/keys/{id}/revoke'], 409)).toEqual(['CONCURRENT_MODIFICATION', 'KEY_ALREADY_REVOKED']);
    expect(codesAt(byName['POST /v1/keys/{id}/rotate'], 412)).toEqual(['VERSION_MISMATCH']);
    expect(codesAt(byName['PUT /v1/workspace/policy'], 400)).toEqual(expect.arrayContaining(['BODY_REQUIRED', 'INVALID_IF_MATCH', 'INVALID_POLICY']));
    expect(Object.keys(byName['GET /health'].responses)).toEqual(expect.arrayContaining(['200', '503']));
    expect(byName['GET /health'].responses['503'].content['application/json'].schema.properties.status.enum).toEqual(['degraded']);
  });

  it('answers every error in the one shared schema, its code an enum of codes docs/api.md (or docs/audit.md) lists', () => {
    for (const [document, listing] of [[keyService, apiDoc], [audit, apiDoc + auditDoc]] as const) {
      expect(document.components.schemas.ErrorResponse.required).toEqual(['code', 'message', 'details']);
      for (const [name, operation] of operations(document)) {
        for (const [status, response] of Object.entries(operation.responses as Json)) {
          if (Number(status) < 400 || name === 'GET /health') continue;
          const schema = response.content['application/json'].schema;
          expect({ name, status, ref: schema.allOf[0].$ref }).toEqual({ name, status, ref: '#/components/schemas/ErrorResponse' });
          for (const code of schema.allOf[1].properties.code.enum) expect({ name, code, listed: listing.includes(`\`${code}\``) }).toEqual({ name, code, listed: true });
        }
      }
    }
  });

  it('lets /v1/verify take the key in the body alone: its Authorization header is optional', () => {
    const headers = keyService.paths['/v1/verify'].post.parameters.filter((p: Json) => p.in === 'header');
    expect(headers).toEqual([expect.objectContaining({ name: 'authorization', required: false })]);
  });

  it('gives {id} the key-id pattern, on every route of both apps', () => {
    for (const document of [keyService, audit]) {
      for (const [name, operation] of operations(document)) {
        for (const parameter of (operation.parameters ?? []).filter((p: Json) => p.name === 'id')) {
          expect({ name, pattern: parameter.schema.pattern }).toEqual({ name, pattern: KEY_ID_SHAPE.source });
        }
      }
    }
  });

  it('closes request bodies and types what is nullable as nullable', () => {
    const schemas = keyService.components.schemas;
    for (const name of ['CreateKeyRequestDto', 'UpdateKeyRequestDto', 'RotateKeyRequestDto', 'RevokeKeyRequestDto', 'WorkspacePolicyRequestDto', 'VerifyKeyRequestDto']) {
      expect({ name, additionalProperties: schemas[name].additionalProperties }).toEqual({ name, additionalProperties: false });
    }
    expect(schemas.WorkspacePolicyRequestDto.properties.scopeAllowList).toMatchObject({ type: 'array', nullable: true, items: { type: 'string' } });
    expect(schemas.CreateKeyRequestDto.properties.description).toMatchObject({ type: 'string', nullable: true });
    expect(schemas.CreateKeyRequestDto.properties.expiresAt).toMatchObject({ type: 'string', format: 'date-time', nullable: true });
    expect(schemas.CreateKeyRequestDto.properties.scopes).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(schemas.CreateKeyRequestDto.properties.scopes.nullable).toBeUndefined();
  });

  it('has examples the server accepts: the create body built from them answers 201', async () => {
    const admin = (await stack.bootstrap('examples')).token;
    const properties = keyService.components.schemas.CreateKeyRequestDto.properties as Json;
    const body = Object.fromEntries(Object.entries(properties).map(([field, schema]) => [field, (schema as Json).example]));
    expect(body.expiresAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    const created = await stack.request('POST', '/v1/keys', { token: admin, body });
    expect([created.status, created.body.code]).toEqual([201, undefined]);
  });

  it('gives /v1/leaks its body schema: an array of {token} reports or one report', () => {
    const schema = keyService.paths['/v1/leaks'].post.requestBody.content['application/json'].schema;
    expect(schema.oneOf.map((s: Json) => s.type)).toEqual(['array', 'object']);
    expect(schema.oneOf[1].required).toEqual(['token']);
  });

  it('links a created key to the routes that take it (the stateful create → get → rotate → revoke)', () => {
    const links = keyService.paths['/v1/keys'].post.responses['201'].links;
    expect(Object.values(links).map((link: any) => link.operationId).sort()).toEqual([
      'KeysController_addCredits',
      'KeysController_get',
      'KeysController_remove',
      'KeysController_revoke',
      'KeysController_rotate',
      'KeysController_update',
      'KeysController_usage',
    ]);
  });
});
