import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScopes } from '@pxxl/bearer-auth';
import { SCOPES, type VerifiedKey } from '@pxxl/contracts';
import { AnswersErrors } from '@pxxl/http';
import { ManagementApi } from '../../../keys';
import { ReviewIdPipe, ReviewIdRoute } from '../../http/review-id.pipe';
import { AttestationResponse } from '../../http/review.response';
import { toAttestation, type Attestation } from '../../queries/shared/attestation';
import { SignOffReviewCommand } from './sign-off-review.command';

@ApiTags('reviews')
@ManagementApi()
@Controller('v1/reviews')
export class SignOffReviewController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/sign-off')
  @HttpCode(200)
  @RequireScopes(SCOPES.KEYS_REVIEW)
  @ApiOperation({
    operationId: 'ReviewsController_signOff',
    summary: 'Sign the review off (ReviewSignedOff) once every key is decided and every change carried out; answers the attestation',
  })
  @ReviewIdRoute()
  @AnswersErrors('REVIEW_INCOMPLETE', 'REVIEW_SIGNED_OFF')
  @ApiResponse({ status: 200, type: AttestationResponse })
  async signOff(@Param('id', ReviewIdPipe) id: string, @CurrentKey() caller: VerifiedKey): Promise<Attestation> {
    return toAttestation(await this.commandBus.execute(new SignOffReviewCommand(caller.workspaceId, id, caller.keyId)));
  }
}
