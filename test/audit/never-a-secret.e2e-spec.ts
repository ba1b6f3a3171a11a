import { TOKEN_PATTERN } from '@pxxl/contracts';
import { auditCaughtUp, auditGet, cli } from '../support/audit';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

describe('never a secret: no audit entry, export row, summary or log line holds a key or a hash', () => {
  let stack: TestStack;
  const tokens: string[] = [];
  const keyIds: string[] = [];
  let admin: string;

  beforeAll(async () => {
    stack = await TestStack.start();
    admin = (await stack.bootstrap('acme')).token;
    tokens.push(admin);
    const call = async (method: string, path: string, body: unknown) => {
      const response = await stack.request(method, path, { token: admin, body });
      expect(response.status).toBeLessThan(300);
      return response.body;
    };
    for (const name of ['CDN uploader', 'Deploy checker', 'Monitor']) {
      const created = await call('POST', '/v1/keys', { name, scopes: ['cdn:upload', 'audit:read'], expiresAt: inDays(30) });
      tokens.push(created.key);
      keyIds.push(created.id);
    }
    tokens.push((await call('POST', `/v1/keys/${keyIds[0]}/rotate`, { gracePeriodSeconds: 3600 })).key);
    tokens.push((await call('POST', `/v1/keys/${keyIds[0]}/rotate`, {})).key);
    tokens.push((await call('POST', `/v1/keys/${keyIds[1]}/rotate`, {})).key);
    await call('PATCH', `/v1/keys/${keyIds[2]}`, { name: 'Monitor (ops)' });
    await call('POST', `/v1/keys/${keyIds[1]}/revoke`, { reason: 'leaked' });
    await auditCaughtUp(stack);
  });

  afterAll(() => stack.stop());

  it('finds none of the tokens, secrets or hashes it made in any export, report, the audit collections or the logs', async () => {
    const hashes = (await stack.db().collection('key_events').find({ 'data.secretHash': { $exists: true } }).toArray()).map((e) => e.data.secretHash as string);
    expect(hashes).toHaveLength(7); // 4 creations, 3 rotations
    const secrets = [...tokens, ...tokens.map((token) => token.slice(22, 54)), ...hashes];

    const outputs: Record<string, string> = {};
    for (const format of ['ndjson', 'csv']) outputs[`export ${format}`] = (await auditGet(stack, `/v1/audit/export?format=${format}`, admin)).text;
    outputs.events = (await auditGet(stack, '/v1/audit/events?limit=500', admin)).text;
    for (const keyId of keyIds) outputs[`timeline ${keyId}`] = (await auditGet(stack, `/v1/audit/keys/${keyId}/timeline`, admin)).text;
    outputs.integrity = (await auditGet(stack, '/v1/audit/integrity', admin)).text;
    for (const format of ['json', 'csv']) outputs[`review ${format}`] = (await auditGet(stack, `/v1/audit/review?format=${format}&unusedForDays=1`, admin)).text;
    const env = { PXXL_API_KEY: admin, PXXL_AUDIT_URL: stack.auditUrl, MONGODB_URI: stack.env.MONGODB_URI };
    for (const argv of [['audit', 'export', '--format', 'csv'], ['audit', 'verify'], ['audit', 'review'], ['audit', 'reconcile']]) {
      const run = await cli(argv, env);
      expect([argv.join(' '), run.code]).toEqual([argv.join(' '), 0]);
      outputs[`cli ${argv.join(' ')}`] = run.stdout + run.stderr;
    }
    const audit = stack.db('audit');
    for (const name of ['audit_entries', 'audit_chain_links', 'audit_chain_segments', 'audit_chain_heads', 'audit_key_names']) {
      outputs[`collection ${name}`] = JSON.stringify(await audit.collection(name).find({}).toArray());
    }
    outputs.logs = stack.logs.lines.join('\n');

    expect(outputs['export ndjson'].trim().split('\n')).toHaveLength(9);
    expect(outputs['collection audit_entries']).toContain('rotated, grace 1 h');
    for (const [where, text] of Object.entries(outputs)) {
      for (const secret of secrets) if (text.includes(secret)) throw new Error(`${where} contains a secret: ${secret.slice(0, 12)}…`);
      expect([where, TOKEN_PATTERN.test(text)]).toEqual([where, false]);
      expect([where, /\$2[aby]\$\d{2}\$/.test(text)]).toEqual([where, false]);
    }
  });
});
