import { auditCaughtUp, auditGet } from '../support/audit';
import { pythonVerify } from '../support/python-verifier';
import { TestStack } from '../support/stack';

const inDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString();

/** A reviewer's verifier in another language, written from docs/audit.md alone, over a real export. */
describe('the NDJSON export, checked by a verifier that is not ours', () => {
  let stack: TestStack;
  let ndjson: string;
  let head: string | null;

  beforeAll(async () => {
    stack = await TestStack.start();
    const admin = (await stack.bootstrap('outside')).token;
    for (const name of ['Café uploader ✓', 'quote " and \\ slash /', '鍵 🔑']) {
      const created = await stack.request('POST', '/v1/keys', { token: admin, body: { name, description: 'ünïcode', scopes: ['usage:read'], expiresAt: inDays(30) } });
      await stack.request('POST', `/v1/keys/${created.body.id}/rotate`, { token: admin, body: { gracePeriodSeconds: 60 } });
      await stack.request('PATCH', `/v1/keys/${created.body.id}`, { token: admin, body: { name: `${name} (renamed)` } });
      await stack.request('POST', `/v1/keys/${created.body.id}/revoke`, { token: admin, body: { reason: 'no longer needed' } });
    }
    await auditCaughtUp(stack);
    const exported = await auditGet(stack, '/v1/audit/export?format=ndjson', admin);
    expect(exported.status).toBe(200);
    ndjson = exported.text;
    head = exported.headers.get('pxxl-audit-chain-head');
  });

  afterAll(() => stack.stop());

  it('accepts every entry and ends at the head the server names', () => {
    const result = pythonVerify(ndjson);
    expect(result).toMatchObject({ ok: true, entries: 13 });
    expect(`${result.head?.seq}:${result.head?.hash}`).toBe(head);
  });

  it('names the entry someone edited, even with its own hash recomputed the naive way', () => {
    const lines = ndjson.trimEnd().split('\n');
    lines[4] = lines[4].replace('no longer needed', 'routine');
    expect(pythonVerify(lines.join('\n') + '\n')).toMatchObject({ ok: false, seq: 5 });
  });
});
