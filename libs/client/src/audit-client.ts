import type { Readable } from 'node:stream';
import type { HttpTransport, Query } from './http-transport';
import type { AuditExportQuery, AuditRange, ChainHead, ConsistencyProof, InclusionProof, IntegrityReport, ReviewQuery } from './wire-types';

export interface AuditExport {
  body: Readable;
  /** The chain head the export was taken at (null for an empty chain). */
  head: ChainHead | null;
  /** "complete", or "filtered" when filters left entries out. */
  completeness: string | undefined;
}

export function parseChainHead(value: string | undefined): ChainHead | null {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value ?? '');
  return match ? { seq: Number(match[1]), hash: match[2] } : null;
}

/** The audit app's reviewer API (docs/audit.md); needs a key with audit:read. */
export class AuditClient {
  constructor(private readonly http: HttpTransport) {}

  async export(query: AuditExportQuery = {}): Promise<AuditExport> {
    const answer = await this.http.stream('GET', '/v1/audit/export', { query: query as Query });
    return { body: answer.body, head: parseChainHead(answer.headers['pxxl-audit-chain-head']), completeness: answer.headers['pxxl-audit-export'] };
  }

  async integrity(query: AuditRange & { expect?: ChainHead } = {}): Promise<IntegrityReport> {
    const { expect, ...range } = query;
    const answer = await this.http.json<IntegrityReport>('GET', '/v1/audit/integrity', {
      query: { ...range, expectSeq: expect?.seq, expectHash: expect?.hash },
    });
    return answer.body;
  }

  /** The latest signed checkpoint, exactly the C2SP signed note. */
  async checkpoint(): Promise<string> {
    return this.text('/v1/audit/checkpoint');
  }

  /** The public note verifier key checkpoints are signed with. */
  async verifierKey(): Promise<string> {
    return (await this.text('/v1/audit/verifier-key')).trim();
  }

  async inclusionProof(query: { seq?: number; eventId?: string; treeSize?: number }): Promise<InclusionProof> {
    return (await this.http.json<InclusionProof>('GET', '/v1/audit/proofs/inclusion', { query: query as Query })).body;
  }

  async consistencyProof(from: number, to?: number): Promise<ConsistencyProof> {
    return (await this.http.json<ConsistencyProof>('GET', '/v1/audit/proofs/consistency', { query: { from, to } })).body;
  }

  private async text(path: string): Promise<string> {
    const answer = await this.http.stream('GET', path, { headers: { accept: 'text/plain' } });
    let text = '';
    for await (const chunk of answer.body) text += Buffer.from(chunk as Uint8Array).toString('utf8');
    return text;
  }

  async review(query: ReviewQuery = {}): Promise<Record<string, unknown>> {
    return (await this.http.json<Record<string, unknown>>('GET', '/v1/audit/review', { query: query as Query })).body;
  }

  async reviewCsv(query: ReviewQuery = {}): Promise<Readable> {
    return (await this.http.stream('GET', '/v1/audit/review', { query: { ...(query as Query), format: 'csv' } })).body;
  }
}
