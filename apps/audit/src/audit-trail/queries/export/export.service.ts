import { Inject, Injectable } from '@nestjs/common';
import { parseRecordLine, type AuditRecord, type ChainHeadRef } from '@pxxl/audit-trail';
import type { EventFilters } from '../../domain/event-query';
import { CHAIN_STORE, type ChainStore } from '../../ports';
import { ChainReader } from '../shared/chain-reader';
import { AUDIT_CSV_HEADER, auditCsvRow } from './audit-csv';

export type ExportFormat = 'ndjson' | 'csv';

export interface ExportRequest extends EventFilters {
  format: ExportFormat;
  fromSeq?: number;
  toSeq?: number;
}

export interface AuditExport {
  /** The head when the export started: the export holds the chain at least up to it. */
  head: ChainHeadRef | null;
  /** Whether the export holds every record of its seq range (so its chain can be verified). */
  complete: boolean;
  chunks: AsyncIterable<string>;
}

function matches(record: AuditRecord, filters: EventFilters): boolean {
  if (filters.keyId && record.keyId !== filters.keyId) return false;
  if (filters.types?.length && !filters.types.includes(record.type)) return false;
  if (filters.actor && record.actor !== filters.actor) return false;
  const at = new Date(record.occurredAt);
  if (filters.from && at < filters.from) return false;
  if (filters.to && at >= filters.to) return false;
  return true;
}

/**
 * Streams a workspace's trail from the chain itself, in chain order, one
 * segment (100 records) at a time: memory stays flat for a million entries.
 * NDJSON lines are the stored records byte for byte, so a reviewer can
 * re-verify the chain from the file; CSV is for reading.
 */
@Injectable()
export class ExportService {
  constructor(
    @Inject(CHAIN_STORE) private readonly chain: ChainStore,
    private readonly reader: ChainReader,
  ) {}

  async open(workspaceId: string, request: ExportRequest): Promise<AuditExport> {
    const head = await this.chain.headRef(workspaceId);
    const filtered = Boolean(request.keyId || request.types?.length || request.actor || request.from || request.to);
    const records = this.reader.records(workspaceId, { fromSeq: request.fromSeq, toSeq: request.toSeq });
    async function* chunks(): AsyncGenerator<string> {
      if (request.format === 'csv') yield AUDIT_CSV_HEADER;
      let batch = '';
      for await (const { line } of records) {
        if (request.format === 'ndjson' && !filtered) {
          batch += line + '\n';
        } else {
          let record: AuditRecord;
          try {
            record = parseRecordLine(line);
          } catch {
            continue; // unreadable: the integrity check reports it; an export carries records
          }
          if (!matches(record, request)) continue;
          batch += request.format === 'csv' ? auditCsvRow(record) : line + '\n';
        }
        // Fewer, larger writes: a chunk per ~64 KiB rather than one per entry.
        if (batch.length >= 65536) {
          yield batch;
          batch = '';
        }
      }
      if (batch) yield batch;
    }
    return { head, complete: !filtered, chunks: chunks() };
  }
}
