import { cosignatureLine, generateSignerKey, hashRecord, leafHash, parseCheckpointText, parseSignerKey, openNote, recordLine, sealRecord, signNote, type AuditRecord } from '@pxxl/audit-trail';
import type { Collection, Document } from 'mongodb';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointSchedule } from '../../apps/audit/src/audit-trail/commands/take-checkpoint/checkpoint.schedule';
import { checkpointTopic } from '../../apps/audit/src/audit-trail/infrastructure/kafka-checkpoint-log';
import { auditCaughtUp, auditGet, cli, created, fakeSecretHash, keyEvent, newTestKeyId, storeAndPublish } from '../support/audit';
import { TestStack } from '../support/stack';
import { goWitnessKeys, tlogVerify, type TlogJob } from '../support/tlog-verifier';
import { readTopic } from '../support/topic-reader';

const WS = 'tlog';
const ORIGIN = `pxxl-keys.test/audit/${WS}`;

/** `keys` keys, each created, rotated and revoked: three entries each. */
const lifecycles = (keys: number) =>
  Array.from({ length: keys }, () => newTestKeyId()).flatMap((keyId) => [
    keyEvent(created(keyId), { keyId, workspaceId: WS, version: 1 }),
    keyEvent({ type: 'KeyRotated', data: { secretHash: fakeSecretHash(), displayPrefix: `pxxl_${keyId}_wxyz`, gracePeriodSeconds: 0, previousSecretValidUntil: null } }, { keyId, workspaceId: WS, version: 2 }),
    keyEvent({ type: 'KeyRevoked', data: { reason: 'owner left' } }, { keyId, workspaceId: WS, version: 3 }),
  ]);

describe('the audit trail as a transparency log, checked by the Go verifier (golang.org/x/mod note, transparency-dev) and by our CLI', () => {
  let stack: TestStack;
  let token: string;
  let verifierKey: string;
  let earlier: string; // a checkpoint a reviewer kept, at 148 entries
  let later: string; // after more traffic, at 178
  let lines: string[]; // the NDJSON export, by seq - 1
  let witness: { signerKey: string; verifierKey: string }; // the one witness the audit app trusts (AUDIT_WITNESS_KEYS)
  let stranger: { signerKey: string; verifierKey: string }; // a witness it does not
  const col = (name: string) => stack.db('audit').collection(name) as unknown as Collection<Document>;
  const checkpoint = async () => {
    const answer = await auditGet(stack, '/v1/audit/checkpoint', token);
    expect(answer.status).toBe(200);
    return answer.text;
  };
  const sizeOf = (note: string) => parseCheckpointText(openNote(note).text).size;
  const consistency = async (from: number, to?: number) => (await auditGet(stack, `/v1/audit/proofs/consistency?from=${from}${to ? `&to=${to}` : ''}`, token)).body.proof as string[];
  const job = (fields: Partial<TlogJob>): TlogJob => ({ verifierKey, origin: ORIGIN, checkpoint: later, ...fields });
  const dir = mkdtempSync(join(tmpdir(), 'pxxl-tlog-'));
  const file = (name: string, contents: string) => {
    writeFileSync(join(dir, name), contents);
    return join(dir, name);
  };
  const verifyCli = (old: string, extra: string[] = []) =>
    cli(['audit', 'verify', '--checkpoint', file(`old-${randomBytes(3).toString('hex')}.txt`, old), '--verifier-key', file('key.vkey', verifierKey + '\n'), '--json', ...extra], {
      PXXL_AUDIT_URL: stack.auditUrl,
      PXXL_API_KEY: token,
    });

  beforeAll(async () => {
    witness = goWitnessKeys('witness.test/w1');
    stranger = goWitnessKeys('witness.test/w2');
    stack = await TestStack.start({ env: { AUDIT_WITNESS_KEYS: witness.verifierKey } });
    token = (await stack.bootstrap(WS)).token;
    await storeAndPublish(stack, lifecycles(49));
    await auditCaughtUp(stack);
    earlier = await checkpoint();
    await storeAndPublish(stack, lifecycles(10));
    await auditCaughtUp(stack);
    later = await checkpoint();
    const exported = await auditGet(stack, '/v1/audit/export', token);
    lines = exported.text.trimEnd().split('\n');
    verifierKey = (await auditGet(stack, '/v1/audit/verifier-key')).text.trim();
  });

  afterAll(() => stack.stop());

  it('200 serves the verifier key without authentication, in note format', async () => {
    const answer = await auditGet(stack, '/v1/audit/verifier-key');
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(`${verifierKey}\n`);
    expect(verifierKey).toMatch(/^pxxl-keys\.test\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
  });

  it('200 serves checkpoints the Go verifier accepts with the served key, and proves the later one extends the earlier', async () => {
    expect([sizeOf(earlier), sizeOf(later), lines.length]).toEqual([148, 178, 178]);
    const verdict = tlogVerify(job({ earlier, consistencyProof: await consistency(148, 178) }));
    expect(verdict.checkpoint).toMatchObject({ ok: true, size: 178 });
    expect(verdict.earlier).toMatchObject({ ok: true, size: 148 });
    expect(verdict.consistency).toEqual({ ok: true });
  });

  it('200 gives inclusion proofs that the Go verifier checks for random entries, hashing the exported bytes itself', async () => {
    const seqs = [1, 2, 148, 178, ...Array.from({ length: 12 }, () => 1 + Math.floor(Math.random() * 178))];
    const inclusions = [];
    for (const seq of seqs) {
      const answer = await auditGet(stack, `/v1/audit/proofs/inclusion?seq=${seq}&treeSize=178`, token);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ seq, leafIndex: seq - 1, treeSize: 178, entry: lines[seq - 1], leafHash: leafHash(lines[seq - 1]).toString('base64') });
      inclusions.push({ entry: lines[seq - 1], index: seq - 1, proof: answer.body.proof });
    }
    const byEvent = await auditGet(stack, `/v1/audit/proofs/inclusion?eventId=${JSON.parse(lines[99]).eventId}`, token);
    expect(byEvent.body).toMatchObject({ seq: 100, treeSize: 178 });
    inclusions.push({ entry: lines[99], index: 99, proof: byEvent.body.proof });
    const verdict = tlogVerify(job({ inclusions }));
    expect(verdict.inclusions.every((r) => r.ok)).toBe(true);
    // An entry with one byte changed is not in the tree.
    expect(tlogVerify(job({ inclusions: [{ ...inclusions[0], entry: inclusions[0].entry.replace('"seq":1', '"seq":2') }] })).inclusions[0].ok).toBe(false);
  });

  it('200 the CLI verifies the live trail against the kept checkpoint: signature, consistency, every entry hashed to the root', async () => {
    const result = await verifyCli(earlier);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, checkpoint: { size: 178 }, consistentWith: { size: 148 }, entries: 178 });
    expect(result.code).toBe(0);
  });

  it('publishes the checkpoint of every grown tree to <topic>.audit-checkpoints and the log', async () => {
    const published = await stack.app('audit').get(CheckpointSchedule).publish();
    expect(published.find((c) => c.workspaceId === WS)).toMatchObject({ size: 178, note: later });
    const messages = await readTopic(stack.env, (all) => all.some((m) => m.key?.toString() === WS), { topic: checkpointTopic(stack.env.KAFKA_TOPIC) });
    expect(JSON.parse(messages.find((m) => m.key?.toString() === WS)!.value!.toString())).toMatchObject({ workspaceId: WS, origin: ORIGIN, size: 178, note: later });
    expect(stack.logs.lines.some((line) => line.includes('"msg":"audit checkpoint"') && line.includes(`"size":178`))).toBe(true);
  });

  it('400 answers bad proof requests with stable codes', async () => {
    const codes: Record<string, string> = {
      '/v1/audit/proofs/inclusion?seq=0': 'VALIDATION_FAILED',
      '/v1/audit/proofs/inclusion?seq=abc': 'VALIDATION_FAILED',
      '/v1/audit/proofs/inclusion': 'INVALID_PROOF_REQUEST',
      '/v1/audit/proofs/inclusion?seq=1&eventId=3f0c2a4e-8d1b-4c6f-9e2a-5b7d1c0e9f31': 'INVALID_PROOF_REQUEST',
      '/v1/audit/proofs/inclusion?seq=179&treeSize=178': 'LEAF_OUTSIDE_TREE',
      '/v1/audit/proofs/inclusion?seq=1&treeSize=5000': 'TREE_SIZE_BEYOND_CHECKPOINT',
      '/v1/audit/proofs/inclusion?eventId=not-a-uuid': 'VALIDATION_FAILED',
      '/v1/audit/proofs/consistency': 'VALIDATION_FAILED',
      '/v1/audit/proofs/consistency?from=100&to=50': 'INVALID_PROOF_REQUEST',
      '/v1/audit/proofs/consistency?from=1&to=5000': 'TREE_SIZE_BEYOND_CHECKPOINT',
      '/v1/audit/proofs/consistency?from=1&extra=1': 'VALIDATION_FAILED',
      '/v1/audit/export?format=bundle&fromSeq=2': 'BUNDLE_NOT_FILTERABLE',
    };
    for (const [path, code] of Object.entries(codes)) {
      const answer = await auditGet(stack, path, token);
      expect([path, answer.status, answer.body.code]).toEqual([path, 400, code]);
    }
  });

  it('404 for an event id of another workspace, exactly like an unknown one', async () => {
    const other = (await stack.bootstrap('tlog-other')).token;
    await auditCaughtUp(stack);
    const answer = await auditGet(stack, `/v1/audit/proofs/inclusion?eventId=${JSON.parse(lines[5]).eventId}`, other);
    expect([answer.status, answer.body.code]).toEqual([404, 'ENTRY_NOT_FOUND']);
    const unknownId = '3f0c2a4e-8d1b-4c6f-9e2a-5b7d1c0e9f31';
    const unknown = await auditGet(stack, `/v1/audit/proofs/inclusion?eventId=${unknownId}`, other);
    expect([unknown.status, unknown.body]).toEqual([404, { ...answer.body, details: { eventId: unknownId } }]);
  });

  it('200 the audit app\'s OpenAPI document names each route of the signed log and answers every status', async () => {
    const paths = (await auditGet(stack, '/docs-json')).body.paths;
    const ops = {
      // 403 on the public route: a key presented by a browser is refused everywhere (BROWSER_USE_FORBIDDEN); 500 on all;
      // 429 where a key is checked (its id throttled).
      '/v1/audit/verifier-key': ['AuditController_verifierKey', ['200', '403', '500', '503']],
      '/v1/audit/checkpoint': ['AuditController_checkpoint', ['200', '400', '401', '403', '429', '500', '503']],
      '/v1/audit/proofs/inclusion': ['AuditController_inclusionProof', ['200', '400', '401', '403', '404', '429', '500', '503']],
      '/v1/audit/proofs/consistency': ['AuditController_consistencyProof', ['200', '400', '401', '403', '429', '500', '503']],
    } as const;
    for (const [path, [operationId, statuses]] of Object.entries(ops)) {
      expect([path, paths[path].get.operationId, Object.keys(paths[path].get.responses).sort()]).toEqual([path, operationId, [...statuses]]);
    }
    // No key (the witness's signature authenticates): no 401 or 429; 403 is an unknown witness or a browser's key.
    const cosign = paths['/v1/audit/checkpoint/cosignatures'].post;
    expect([cosign.operationId, Object.keys(cosign.responses).sort(), Object.keys(cosign.requestBody.content)]).toEqual([
      'AuditController_addCosignatures',
      ['200', '400', '403', '413', '415', '422', '500', '503'],
      ['text/plain'],
    ]);
    const codes = (status: string) => cosign.responses[status].content['application/json'].schema.allOf[1].properties.code.enum;
    expect([codes('400'), codes('403'), codes('422')]).toEqual([
      ['BODY_REQUIRED', 'FORBIDDEN_PROPERTY', 'JSON_TOO_DEEP', 'MALFORMED_COSIGNED_NOTE', 'MALFORMED_HTTP_REQUEST', 'MALFORMED_JSON', 'NO_COSIGNATURE'],
      ['BROWSER_USE_FORBIDDEN', 'UNKNOWN_WITNESS'],
      ['BAD_COSIGNATURE', 'CHECKPOINT_NOT_OURS'],
    ]);
  });

  it('401 on checkpoint and proofs without a key', async () => {
    for (const path of ['/v1/audit/checkpoint', '/v1/audit/proofs/inclusion?seq=1', '/v1/audit/proofs/consistency?from=1']) {
      expect((await auditGet(stack, path)).status).toBe(401);
    }
  });

  it('200 the export bundle holds the NDJSON, the checkpoint it ends at and the verifier key; the CLI verifies it offline', async () => {
    const answer = await auditGet(stack, '/v1/audit/export?format=bundle', token);
    expect(answer.status).toBe(200);
    const [header, ...entries] = answer.text.trimEnd().split('\n');
    expect(JSON.parse(header)).toEqual({ bundle: 'pxxl-audit-bundle/1', verifierKey, checkpoint: later });
    expect(entries).toEqual(lines);
    const result = await verifyCli(earlier, ['--bundle', file('bundle.ndjson', answer.text)]);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, checkpoint: { size: 178 }, consistentWith: { size: 148 }, entries: 178 });
  });

  it('200 "audit prove" writes an inclusion-proof bundle that "audit verify --proof" and the Go verifier accept, and a changed entry is refused', async () => {
    const eventId = JSON.parse(lines[41]).eventId;
    const env = { PXXL_AUDIT_URL: stack.auditUrl, PXXL_API_KEY: token };
    const out = join(dir, 'proof.json');
    const proved = await cli(['audit', 'prove', '--event-id', eventId, '--out', out], env);
    expect([proved.code, proved.stderr]).toEqual([0, `entry seq 42 is in the signed tree of 178 entries; proof written to ${out}\n`]);
    const bundle = JSON.parse(readFileSync(out, 'utf8'));
    expect(bundle).toMatchObject({ bundle: 'pxxl-audit-inclusion/1', seq: 42, eventId, entry: lines[41], checkpoint: later, verifierKey });
    const vkey = file('key.vkey', verifierKey + '\n');
    const verified = await cli(['audit', 'verify', '--proof', out, '--verifier-key', vkey, '--json'], {});
    expect([verified.code, JSON.parse(verified.stdout)]).toEqual([0, { ok: true, seq: 42, eventId, treeSize: 178 }]);
    expect(tlogVerify(job({ checkpoint: bundle.checkpoint, inclusions: [{ entry: bundle.entry, index: bundle.leafIndex, proof: bundle.proof }] })).inclusions).toEqual([{ ok: true }]);
    const altered = file('altered-proof.json', JSON.stringify({ ...bundle, entry: bundle.entry.replace('"workspaceId":"tlog"', '"workspaceId":"tlog2"') }));
    const refused = await cli(['audit', 'verify', '--proof', altered, '--verifier-key', vkey, '--json'], {});
    expect([refused.code, JSON.parse(refused.stdout).reason]).toEqual([4, 'NOT_INCLUDED']);
  });

  it('refuses a checkpoint signed by another key, in the Go verifier and in the CLI', async () => {
    const other = parseSignerKey(generateSignerKey('pxxl-keys.test', randomBytes(32)));
    const forged = signNote(openNote(later).text, [other]);
    expect(tlogVerify(job({ checkpoint: forged })).checkpoint.ok).toBe(false);
    const result = await verifyCli(forged);
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, reason: 'UNKNOWN_SIGNER' });
  });

  describe('a witness (C2SP tlog-witness and tlog-cosignature, played by the Go program with transparency-dev/formats)', () => {
    const post = (body: string, contentType = 'text/plain; charset=utf-8') =>
      stack.request('POST', '/v1/audit/checkpoint/cosignatures', { app: 'audit', rawBody: body, headers: { 'content-type': contentType } });
    /** What a witness's add-checkpoint call answers: cosignature lines, or none when it refuses to cosign. */
    const cosignAs = (signerKey: string, fields: Partial<TlogJob>) => tlogVerify(job({ witnessSignerKey: signerKey, ...fields })).cosignature;
    let cosignature: string; // the witness's lines for `later`

    it('200 takes the cosignature of a witness that checked the later checkpoint extends the earlier one, and serves it with the checkpoint', async () => {
      const first = cosignAs(witness.signerKey, { checkpoint: earlier })!;
      const answer = await post(earlier + first);
      expect([answer.status, answer.body]).toEqual([200, { origin: ORIGIN, size: 148, cosignatures: [{ witness: expect.stringMatching(/^witness\.test\/w1\+[0-9a-f]{8}$/), timestamp: expect.any(Number) }] }]);
      cosignature = cosignAs(witness.signerKey, { earlier, consistencyProof: await consistency(148, 178) })!;
      expect(cosignature).toMatch(/^\u2014 witness\.test\/w1 [A-Za-z0-9+/]+=*\n$/);
      expect((await post(later + cosignature)).status).toBe(200);
      // Posting it again changes nothing.
      expect((await post(later + cosignature)).status).toBe(200);
      expect(await checkpoint()).toBe(later + cosignature);
    });

    it('200 the Go verifier accepts the served checkpoint with the witness key (NewVerifierForCosignatureV1), and fails it against a wrong witness key', async () => {
      const served = await checkpoint();
      expect(tlogVerify(job({ checkpoint: served, witnessKeys: [witness.verifierKey] })).checkpoint).toMatchObject({ ok: true, size: 178, cosigned: ['witness.test/w1'] });
      expect(tlogVerify(job({ checkpoint: served, witnessKeys: [stranger.verifierKey] })).checkpoint).toMatchObject({ ok: false, error: expect.stringContaining('no valid cosignature by witness witness.test/w2') });
    });

    it('200 the CLI requires the cosignatures of every --witness-key, and names a missing one', async () => {
      const verified = await verifyCli(earlier, ['--witness-key', witness.verifierKey]);
      expect([verified.code, JSON.parse(verified.stdout)]).toEqual([0, expect.objectContaining({ ok: true, checkpoint: expect.objectContaining({ size: 178 }), cosignedBy: [{ witness: expect.stringMatching(/^witness\.test\/w1\+/), timestamp: expect.any(Number) }] })]);
      const refused = await verifyCli(earlier, ['--witness-key', witness.verifierKey, '--witness-key', file('w2.vkey', stranger.verifierKey + '\n')]);
      expect([refused.code, JSON.parse(refused.stdout)]).toEqual([4, expect.objectContaining({ ok: false, reason: 'NOT_COSIGNED' })]);
    });

    it('403 UNKNOWN_WITNESS for a cosignature by a witness the log does not trust, however well signed; nothing changes', async () => {
      const answer = await post(later + cosignAs(stranger.signerKey, {})!);
      expect([answer.status, answer.body.code]).toEqual([403, 'UNKNOWN_WITNESS']);
      expect(await checkpoint()).toBe(later + cosignature);
    });

    it('400/415/422 answer a bad cosignature, a checkpoint this log never signed, a note without cosignature, and what is not a note, with stable codes', async () => {
      const forged = signNote(openNote(later).text.replace(/\n[^\n]+\n$/, `\n${Buffer.alloc(32, 1).toString('base64')}\n`), [parseSignerKey(generateSignerKey('pxxl-keys.test', randomBytes(32)))]);
      const cases: Array<[string, number, string, string?]> = [
        [later + cosignAs(witness.signerKey, { checkpoint: earlier })!, 422, 'BAD_COSIGNATURE'],
        // The witness's own key over a checkpoint another key signed (a witness would never cosign it; made here with our signer).
        [forged + cosignatureLine(openNote(forged).text, witness.signerKey, Math.floor(Date.now() / 1000)), 422, 'CHECKPOINT_NOT_OURS'],
        [later, 400, 'NO_COSIGNATURE'],
        [cosignature, 400, 'MALFORMED_COSIGNED_NOTE'],
        ['', 400, 'BODY_REQUIRED'],
        [JSON.stringify({ note: later }), 415, 'UNSUPPORTED_MEDIA_TYPE', 'application/json'],
        [later + cosignature, 415, 'UNSUPPORTED_MEDIA_TYPE', 'application/x-www-form-urlencoded'],
      ];
      for (const [body, status, code, contentType] of cases) {
        const answer = await post(body, contentType);
        expect([code, answer.status, answer.body.code]).toEqual([code, status, code]);
      }
      expect(await checkpoint()).toBe(later + cosignature);
    });
  });

  describe('an insider with database write access', () => {
    const snapshot = new Map<string, Document[]>();
    const COLLECTIONS = ['audit_entries', 'audit_chain_links', 'audit_chain_segments', 'audit_chain_heads', 'audit_tree_nodes', 'audit_checkpoints'];

    beforeAll(async () => {
      for (const name of COLLECTIONS) snapshot.set(name, await col(name).find({}).toArray());
    });

    afterEach(async () => {
      for (const name of COLLECTIONS) {
        await col(name).deleteMany({});
        if (snapshot.get(name)!.length > 0) await col(name).insertMany(snapshot.get(name)!);
      }
    });

    /** What the insider leaves: the chain as given, every hash recomputed, the tree and checkpoints thrown away for the app to redo. */
    async function rewriteTo(records: AuditRecord[]) {
      for (const record of records.slice(100)) {
        await col('audit_chain_links').updateOne({ workspaceId: WS, seq: record.seq, state: 'committed' }, { $set: { line: recordLine(record), hash: record.hash, eventId: record.eventId } });
        await col('audit_entries').updateOne({ _id: record.eventId as never }, { $set: { summary: record.summary, prevHash: record.prevHash, hash: record.hash } });
      }
      await col('audit_chain_links').deleteMany({ workspaceId: WS, seq: { $gt: records.length } });
      await col('audit_entries').deleteMany({ workspaceId: WS, seq: { $gt: records.length } });
      const last = records[records.length - 1];
      await col('audit_chain_heads').updateOne({ _id: WS as never }, { $set: { seq: last.seq, hash: last.hash, eventId: last.eventId } });
      await col('audit_tree_nodes').deleteMany({ _id: { $regex: `^${WS}:` } } as never);
      await col('audit_checkpoints').deleteMany({ workspaceId: WS });
    }

    it('rewrites the trail from entry 120 on, every chain and tree hash recomputed: the consistency proof against the kept checkpoint fails, in Go and in the CLI', async () => {
      const records = lines.map((line) => JSON.parse(line) as AuditRecord);
      for (let i = 119; i < records.length; i++) {
        const changed = i === 119 ? { ...records[i], summary: 'revoked: routine' } : records[i];
        records[i] = sealRecord(changed, { seq: i + 1, prevHash: records[i - 1].hash });
        expect(records[i].hash).toBe(hashRecord(records[i]));
      }
      await rewriteTo(records);
      const rewritten = await checkpoint();
      expect(sizeOf(rewritten)).toBe(178);
      expect(rewritten).not.toBe(later);
      // The rewritten trail is perfectly sealed by itself: only the kept checkpoint gives it away.
      expect((await auditGet(stack, '/v1/audit/integrity', token)).body).toMatchObject({ ok: true });
      const verdict = tlogVerify(job({ checkpoint: rewritten, earlier, consistencyProof: await consistency(148, 178) }));
      expect(verdict.checkpoint.ok).toBe(true);
      expect(verdict.consistency?.ok).toBe(false);
      // The witness, which kept the earlier checkpoint, refuses to cosign it; and the cosignature of the
      // original tree of that size is not served with the rewritten one.
      expect(verdict.cosignature).toBeUndefined();
      expect(tlogVerify(job({ checkpoint: rewritten, earlier, consistencyProof: await consistency(148, 178), witnessSignerKey: witness.signerKey })).cosignature).toBeUndefined();
      expect(tlogVerify(job({ checkpoint: rewritten, witnessKeys: [witness.verifierKey] })).checkpoint.ok).toBe(false);
      const result = await verifyCli(earlier);
      expect(result.code).toBe(4);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, reason: 'INCONSISTENT' });
    });

    it('cuts the newest 18 entries: the tree is smaller than the kept checkpoint, refused in Go and in the CLI', async () => {
      await rewriteTo(lines.slice(0, 160).map((line) => JSON.parse(line) as AuditRecord));
      const cut = await checkpoint();
      expect(sizeOf(cut)).toBe(160);
      const verdict = tlogVerify(job({ checkpoint: cut, earlier: later, consistencyProof: [] }));
      expect(verdict.checkpoint.ok).toBe(true);
      expect(verdict.consistency?.ok).toBe(false);
      const result = await verifyCli(later);
      expect(result.code).toBe(4);
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, reason: 'TREE_SHRUNK' });
    });
  });
});
