import { ChainVerifier, recordLine, sealRecord, type AuditRecord } from '@pxxl/audit-trail';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { auditCaughtUp } from '../support/audit';
import { TestStack } from '../support/stack';

const ENTRIES = 100_000;
const SEGMENT = 100;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A full garbage collection: heap figures then count what is held, not garbage not yet collected. */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/**
 * Samples this process's memory (the audit app and the reading client both
 * live here) while a body streams in: the heap still held after a full GC at
 * each sample, so a streamed body shows flat and a body held whole shows its size.
 */
class MemoryProbe {
  private readonly baseline = (collectGarbage(), process.memoryUsage());
  peakHeap = this.baseline.heapUsed;
  peakRss = this.baseline.rss;
  sample(): void {
    collectGarbage();
    const now = process.memoryUsage();
    this.peakHeap = Math.max(this.peakHeap, now.heapUsed);
    this.peakRss = Math.max(this.peakRss, now.rss);
  }
  report(what: string, bytes: number, lines: number, ms: number): string {
    return `${what}: ${lines} lines, ${mb(bytes)} streamed in ${ms} ms; heap ${mb(this.baseline.heapUsed)} → peak ${mb(this.peakHeap)} (+${mb(this.peakHeap - this.baseline.heapUsed)}), rss peak +${mb(this.peakRss - this.baseline.rss)}`;
  }
  get heapGrowth(): number {
    return this.peakHeap - this.baseline.heapUsed;
  }
}

async function stream(url: string, token: string, onLine: (line: string) => void) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  const probe = new MemoryProbe();
  const started = Date.now();
  let bytes = 0;
  let lines = 0;
  const body = Readable.fromWeb(response.body as unknown as WebReadableStream);
  body.on('data', (chunk: Buffer) => (bytes += chunk.length));
  for await (const line of createInterface({ input: body, crlfDelay: Infinity })) {
    onLine(line);
    if (++lines % 5000 === 0) probe.sample();
  }
  probe.sample();
  return { probe, bytes, lines, ms: Date.now() - started, head: response.headers.get('pxxl-audit-chain-head') };
}

// Each export streams 100,000 entries: about 30–60 s on two cores while a fresh machine's first run
// also compiles Jaeger beside it, so each test gets 5 minutes (a bound, not a timing assertion).
describe(`export of ${ENTRIES.toLocaleString('en')} entries`, () => {
  let stack: TestStack;
  let token: string;
  let last: AuditRecord;

  beforeAll(async () => {
    stack = await TestStack.start();
    token = (await stack.bootstrap('bulk')).token;
    await auditCaughtUp(stack);
    // The bootstrap key's creation is seq 1; seed seq 2.. straight into sealed segments, as the writer seals them.
    const audit = stack.db('audit');
    const first = await audit.collection('audit_chain_links').findOne({ workspaceId: 'bulk', seq: 1 });
    let previous = JSON.parse(first!.line as string) as AuditRecord;
    let lines = [first!.line as string];
    let segment = 0;
    const batch: object[] = [];
    const t0 = Date.now();
    for (let seq = 2; seq <= ENTRIES; seq++) {
      const keyId = `Bulk${String(seq % 5000).padStart(12, '0')}`;
      const record = sealRecord(
        {
          eventId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
          type: 'KeyRotated',
          schemaVersion: 1,
          keyId,
          workspaceId: 'bulk',
          version: 2 + Math.floor(seq / 5000),
          keyName: `Uploader ${seq % 5000}, "eu-west"`,
          actor: 'system',
          occurredAt: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
          recordedAt: new Date(Date.UTC(2026, 0, 1) + seq * 1000 + 5).toISOString(),
          summary: 'rotated, grace 1 h (old secret valid until 2026-01-02T00:00:00.000Z)',
          details: { displayPrefix: `pxxl_${keyId}_abcd`, gracePeriodSeconds: 3600, previousSecretValidUntil: '2026-01-02T00:00:00.000Z' },
          source: { partition: seq % 3, offset: String(seq) },
        },
        { seq, prevHash: previous.hash },
      );
      lines.push(recordLine(record));
      previous = record;
      if (lines.length === SEGMENT) {
        batch.push({ _id: `bulk:${String(segment).padStart(10, '0')}`, workspaceId: 'bulk', segment, firstSeq: segment * SEGMENT + 1, records: lines });
        segment++;
        lines = [];
      }
      if (batch.length === 25) await audit.collection('audit_chain_segments').insertMany(batch.splice(0) as never[]);
    }
    if (batch.length) await audit.collection('audit_chain_segments').insertMany(batch.splice(0) as never[]);
    last = previous;
    await audit
      .collection('audit_chain_heads')
      .updateOne({ _id: 'bulk' as never }, { $set: { seq: ENTRIES, hash: last.hash, eventId: last.eventId, sealedThrough: ENTRIES, sealedHash: last.hash, sealedEventId: last.eventId } });
    console.log(`seeded ${ENTRIES} chained entries in ${segment} segments in ${Date.now() - t0} ms`);
  });

  afterAll(() => stack.stop());

  it('streams NDJSON with flat memory, every record verifiable as one unbroken chain', async () => {
    const verifier = new ChainVerifier({ workspaceId: 'bulk', head: { seq: ENTRIES, hash: last.hash } });
    const result = await stream(`${stack.auditUrl}/v1/audit/export?format=ndjson`, token, (line) => verifier.push(line));
    console.log(result.probe.report('NDJSON export', result.bytes, result.lines, result.ms));
    expect(result.lines).toBe(ENTRIES);
    expect(result.head).toBe(`${ENTRIES}:${last.hash}`);
    expect(verifier.finish({ reachedEnd: true })).toMatchObject({ ok: true, checked: ENTRIES, last: { seq: ENTRIES, hash: last.hash } });
    // Held whole, the body alone would add its size (twice over as JS strings); streamed, the heap stays well below it.
    expect(result.probe.heapGrowth).toBeLessThan(result.bytes / 2);
  }, 300_000);

  it('streams CSV with flat memory: a header row and one row per entry', async () => {
    let header = '';
    let rows = 0;
    const result = await stream(`${stack.auditUrl}/v1/audit/export?format=csv`, token, (line) => {
      if (!header) header = line;
      else rows++;
    });
    console.log(result.probe.report('CSV export', result.bytes, result.lines, result.ms));
    expect(header).toBe('seq,occurredAt,recordedAt,type,keyId,keyName,actor,summary,version,eventId,details,prevHash,hash');
    expect(rows).toBe(ENTRIES);
    expect(result.probe.heapGrowth).toBeLessThan(result.bytes / 2);
  }, 300_000);
});
