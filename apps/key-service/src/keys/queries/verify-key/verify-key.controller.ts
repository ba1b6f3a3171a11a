import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import type { VerificationResult } from '@pxxl/contracts';
import { AnswersErrors, ApiError } from '@pxxl/http';
import { VerifyKeyQuery } from './verify-key.query';
import { VerifyResponse } from '../../http/key.response';
import { parseVerifyKeyRequest } from './verify-key.request';
import { VerifyKeyRequestDto } from './verify-key.request.dto';

/**
 * For internal services: is this presented key valid (for these scopes)?
 * Always 200 with a result. A VALID answer also says until when it holds by
 * itself (`validUntil`: expiry, or the end of the grace period of a
 * rotated-out secret) and the key `version` it saw, so that a caller's cache
 * never keeps it longer than it is true (libs/bearer-auth).
 */
@ApiTags('verify')
@Controller('v1/verify')
export class VerifyController {
  constructor(private readonly queryBus: QueryBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify a presented key (body `key` or Authorization: Bearer), optionally for scopes' })
  @ApiResponse({ status: 200, type: VerifyResponse })
  @ApiHeader({ name: 'authorization', required: false, description: '`Bearer <key>`: the key to verify, when the body has none', schema: { type: 'string' } })
  @ApiBody({ type: VerifyKeyRequestDto, required: false })
  @AnswersErrors('MISSING_KEY', 'UNKNOWN_SCOPE', 'TOO_MANY_ATTEMPTS', 'KEY_VERIFICATION_UNAVAILABLE')
  async verify(@Body() raw: unknown, @Headers('authorization') authorization?: string) {
    const body = parseVerifyKeyRequest(raw);
    const token = body.key ?? bearerToken(authorization);
    if (token === undefined) {
      throw new ApiError(400, 'MISSING_KEY', 'send the key as {"key": "..."} or as "Authorization: Bearer <key>"');
    }
    const result = await this.queryBus.execute(new VerifyKeyQuery(token, body.requiredScopes));
    return present(result);
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function present(result: VerificationResult) {
  if (result.valid) {
    const { valid, code, keyId, workspaceId, scopes, expiresAt, validUntil, version } = result;
    return { valid, code, keyId, workspaceId, scopes, expiresAt, validUntil, version };
  }
  return result;
}
