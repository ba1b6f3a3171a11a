import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { SCOPES, type VerifiedKey } from '@pxxl/contracts';
import { AnswersErrors, ApiError } from '@pxxl/http';
import type { FastifyReply } from 'fastify';
import { ManagementApi } from '../../../keys';
import { ReviewIdPipe, ReviewIdRoute } from '../../http/review-id.pipe';
import { AttestationResponse } from '../../http/review.response';
import type { Attestation } from '../shared/attestation';
import { renderAttestationPage } from './attestation-page';
import { GetAttestationQuery } from './get-attestation.query';

@ApiTags('reviews')
@ManagementApi()
@Controller('v1/reviews')
export class GetAttestationController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/attestation')
  @RequireScopes(SCOPES.KEYS_REVIEW)
  @ApiOperation({
    operationId: 'ReviewsController_attestation',
    summary: 'The signed-off review’s attestation: JSON, or a printable HTML page with ?format=html (or Accept: text/html); the same document every time',
  })
  @ReviewIdRoute()
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @AnswersErrors('REVIEW_NOT_SIGNED_OFF')
  @ApiProduces('application/json', 'text/html')
  @ApiResponse({ status: 200, type: AttestationResponse })
  async attestation(
    @Param('id', ReviewIdPipe) id: string,
    @Query('format') format: string | undefined,
    @Headers('accept') accept: string | undefined,
    @CurrentKey() caller: VerifiedKey,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Attestation | string> {
    if (format !== undefined && format !== 'json' && format !== 'html') {
      throw new ApiError(400, 'VALIDATION_FAILED', 'format must be json or html', { field: 'format' });
    }
    const attestation: Attestation = await this.queryBus.execute(new GetAttestationQuery(caller.workspaceId, id));
    const html = format === 'html' || (format === undefined && /^\s*text\/html/.test(accept ?? ''));
    if (!html) return attestation;
    void reply.type('text/html; charset=utf-8');
    return renderAttestationPage(attestation);
  }
}
