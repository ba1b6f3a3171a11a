import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { isKeyId, KEY_ID_SHAPE, SCOPES, type VerifiedKey } from '@pxxl/contracts';
import { AnswersErrors, ApiError } from '@pxxl/http';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { CheckpointTaker } from '../commands/take-checkpoint/checkpoint-taker';
import { AuditErrors } from '../domain/audit-errors';
import { ExportService } from '../queries/export/export.service';
import { AuditQueryService } from '../queries/query-trail/audit-query.service';
import { reviewCsv } from '../queries/review-report/review-csv';
import { ReviewService } from '../queries/review-report/review.service';
import { IntegrityService } from '../queries/verify-integrity/integrity.service';
import { EventsQueryDto, ExportQueryDto, IntegrityQueryDto, ReviewQueryDto, toDate, toTypes } from './audit-query.dto';

/** The chain head an export was taken at, `<seq>:<hash>`: what `pxxl-keys audit verify` checks the file against. */
export const CHAIN_HEAD_HEADER = 'pxxl-audit-chain-head';

/** The first line of an export bundle names its format. */
export const BUNDLE_FORMAT = 'pxxl-audit-bundle/1';

const stamp = (caller: VerifiedKey, extension: string, at = new Date()) => `audit-${caller.workspaceId}-${at.toISOString().slice(0, 10)}.${extension}`;

/**
 * The reviewer API (docs/audit.md): the caller's own workspace only, with a
 * key holding `audit:read`. Another workspace's key answers 404, like a missing one.
 */
const JSON_ANSWER = { schema: { type: 'object', additionalProperties: true } };

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
@UseGuards(ApiKeyGuard)
@RequireScopes(SCOPES.AUDIT_READ)
export class AuditController {
  constructor(
    private readonly query: AuditQueryService,
    private readonly exporter: ExportService,
    private readonly integrity: IntegrityService,
    private readonly review: ReviewService,
    private readonly checkpoints: CheckpointTaker,
  ) {}

  @Get('events')
  @ApiOperation({ operationId: 'Audit_events', summary: 'Audit entries of the workspace, filtered, newest first unless `order=oldest`' })
  @ApiResponse({ status: 200, description: '{entries, nextCursor}', ...JSON_ANSWER })
  @AnswersErrors('INVALID_CURSOR', 'INVALID_RANGE')
  events(@Query() q: EventsQueryDto, @CurrentKey() caller: VerifiedKey) {
    return this.query.events(
      caller.workspaceId,
      { keyId: q.keyId, types: toTypes(q.type), actor: q.actor, from: toDate(q.from), to: toDate(q.to) },
      { order: q.order ?? 'newest', limit: q.limit ?? 50, cursor: q.cursor },
    );
  }

  @Get('keys/:id/timeline')
  @ApiOperation({ operationId: 'Audit_timeline', summary: 'Every entry of one key, oldest first' })
  @ApiParam({ name: 'id', required: true, schema: { type: 'string', pattern: KEY_ID_SHAPE.source, example: 'k3PXrQ8yZt2mW9aB' } })
  @ApiResponse({ status: 200, description: 'the key and its entries', ...JSON_ANSWER })
  @AnswersErrors('INVALID_KEY_ID', 'KEY_NOT_FOUND')
  timeline(@Param('id') id: string, @CurrentKey() caller: VerifiedKey) {
    if (!isKeyId(id)) throw new ApiError(400, 'INVALID_KEY_ID', 'a key id is 16 letters and digits', {});
    return this.query.timeline(caller.workspaceId, id);
  }

  /** Streamed: the body is written as the chain is read, never held whole. */
  @Get('export')
  @ApiOperation({ operationId: 'Audit_export', summary: 'The trail as NDJSON (verifiable) or CSV, streamed' })
  @ApiProduces('application/x-ndjson', 'text/csv', 'application/json')
  @ApiResponse({
    status: 200,
    description: 'one entry per line (NDJSON) or row (CSV); pxxl-audit-chain-head names the head it was taken at',
    content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @AnswersErrors('INVALID_RANGE')
  async export(@Query() q: ExportQueryDto, @CurrentKey() caller: VerifiedKey, @Res() reply: FastifyReply): Promise<void> {
    if (q.format === 'bundle') return this.exportBundle(q, caller, reply);
    const format = q.format ?? 'ndjson';
    const from = toDate(q.from);
    const to = toDate(q.to);
    if (from && to && from >= to) throw AuditErrors.invalidRange(q.from!, q.to!);
    const opened = await this.exporter.open(caller.workspaceId, {
      format,
      keyId: q.keyId,
      types: toTypes(q.type),
      actor: q.actor,
      from,
      to,
      fromSeq: q.fromSeq,
      toSeq: q.toSeq,
    });
    void reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${stamp(caller, format)}"`)
      .header('cache-control', 'no-store')
      .header(CHAIN_HEAD_HEADER, opened.head ? `${opened.head.seq}:${opened.head.hash}` : '0:')
      .header('pxxl-audit-export', opened.complete ? 'complete' : 'filtered')
      .send(Readable.from(opened.chunks));
  }

  /**
   * The whole trail up to a checkpoint signed now, in one file a reviewer
   * can keep and verify offline: a first line
   * `{"bundle":"pxxl-audit-bundle/1","verifierKey":…,"checkpoint":…}`, then
   * the NDJSON export of seq 1 to the checkpoint's tree size.
   */
  private async exportBundle(q: ExportQueryDto, caller: VerifiedKey, reply: FastifyReply): Promise<void> {
    const filtered = [q.keyId, q.type, q.actor, q.from, q.to, q.fromSeq, q.toSeq].some((value) => value !== undefined);
    if (filtered) throw AuditErrors.bundleNotFilterable();
    const checkpoint = await this.checkpoints.takeCosigned(caller.workspaceId);
    const opened = await this.exporter.open(caller.workspaceId, { format: 'ndjson', toSeq: checkpoint.size });
    const header = JSON.stringify({ bundle: BUNDLE_FORMAT, verifierKey: this.checkpoints.verifierKey, checkpoint: checkpoint.note }) + '\n';
    async function* body(): AsyncGenerator<string> {
      yield header;
      if (checkpoint.size > 0) yield* opened.chunks;
    }
    void reply
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${stamp(caller, 'bundle.ndjson')}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(body()));
  }

  @Get('integrity')
  @ApiOperation({ operationId: 'Audit_integrity', summary: 'Recompute the hash chain; names every broken link' })
  @ApiResponse({ status: 200, description: '{ok, checked, head, problems}', ...JSON_ANSWER })
  @AnswersErrors('INVALID_ANCHOR', 'INVALID_RANGE')
  integrityCheck(@Query() q: IntegrityQueryDto, @CurrentKey() caller: VerifiedKey) {
    if ((q.expectSeq === undefined) !== (q.expectHash === undefined)) throw AuditErrors.invalidAnchor();
    if (q.fromSeq !== undefined && q.toSeq !== undefined && q.fromSeq > q.toSeq) throw AuditErrors.invalidSeqRange(q.fromSeq, q.toSeq);
    const from = toDate(q.from);
    const to = toDate(q.to);
    if (from && to && from >= to) throw AuditErrors.invalidRange(q.from!, q.to!);
    return this.integrity.check(caller.workspaceId, {
      fromSeq: q.fromSeq,
      toSeq: q.toSeq,
      from,
      to,
      anchor: q.expectSeq === undefined ? undefined : { seq: q.expectSeq, hash: q.expectHash! },
    });
  }

  @Get('review')
  @ApiOperation({ operationId: 'Audit_review', summary: 'The periodic review report, as JSON or CSV' })
  @ApiResponse({
    status: 200,
    description: 'keys without expiry, unused, never rotated, over-broad',
    content: { 'application/json': JSON_ANSWER, 'text/csv': { schema: { type: 'string' } } },
  })
  @AnswersErrors('INVALID_RANGE')
  async reviewReport(@Query() q: ReviewQueryDto, @CurrentKey() caller: VerifiedKey, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.review.report(caller.workspaceId, {
      from: toDate(q.from),
      to: toDate(q.to),
      expiringWithinDays: q.expiringWithinDays,
      unusedForDays: q.unusedForDays,
      notRotatedForDays: q.notRotatedForDays,
    });
    if (q.format !== 'csv') return report;
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="review-${caller.workspaceId}-${report.generatedAt.slice(0, 10)}.csv"`);
    return reviewCsv(report);
  }
}
