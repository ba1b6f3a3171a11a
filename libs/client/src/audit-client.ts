import type { Readable } from 'node:stream';
import type { HttpTransport, Query } from './http-transport';
import type { AuditExportQuery, AuditRange, ChainHead, IntegrityReport, ReviewQuery } from './wire-types';

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

  async review(query: ReviewQuery = {}): Promise<Record<string, unknown>> {
    return (await this.http.json<Record<string, unknown>>('GET', '/v1/audit/review', { query: query as Query })).body;
  }

  async reviewCsv(query: ReviewQuery = {}): Promise<Readable> {
    return (await this.http.stream('GET', '/v1/audit/review', { query: { ...(query as Query), format: 'csv' } })).body;
  }
}
