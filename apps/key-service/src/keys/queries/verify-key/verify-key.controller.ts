import { Body, Controller, Headers, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { AuthErrors } from '@pxxl/bearer-auth';
import { isThrottled, type Verdict } from '@pxxl/contracts';
import { AnswersErrors, ApiError } from '@pxxl/http';
import { VerifyKeyQuery } from './verify-key.query';
import { VerifyResponse } from '../../http/key.response';
import { parseVerifyKeyRequest, VerifyKeyRequestDto } from './verify-key.request.dto';

/**
 * For internal services: is this presented key valid (for these scopes)?
 * The edge of the verification pipeline: every verdict is a 200 with the
 * result, except a throttled one, which is a 429 with Retry-After (the key id
 * or this address collected too many failures). A VALID answer also says
 * until when it holds by itself (`validUntil`: expiry, or the end of the grace
 * period of a rotated-out secret) and the key `version` it saw, so that a
 * caller's cache never keeps it longer than it is true (libs/bearer-auth).
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
  @AnswersErrors('MISSING_KEY', 'UNKNOWN_SCOPE', 'TOO_MANY_ATTEMPTS', 'TOO_MANY_FAILURES_FROM_SOURCE', 'KEY_VERIFICATION_UNAVAILABLE')
  async verify(@Body() raw: unknown, @Ip() source: string, @Headers('authorization') authorization?: string) {
    return answerVerify((query) => this.queryBus.execute(query), raw, source, authorization);
  }
}

/**
 * The route's whole answer from the request's parts, given how to run the query: the controller
 * dispatches it on the QueryBus, the Fastify handler that serves the route (verify-key.route.ts)
 * calls the query handler itself. A thrown ApiError becomes the error answer in both.
 */
export async function answerVerify(execute: (query: VerifyKeyQuery) => Promise<Verdict>, raw: unknown, source: string, authorization: string | undefined) {
  const body = parseVerifyKeyRequest(raw);
  const token = body.key ?? bearerToken(authorization);
  if (token === undefined) {
    throw new ApiError(400, 'MISSING_KEY', 'send the key as {"key": "..."} or as "Authorization: Bearer <key>"');
  }
  const verdict = await execute(new VerifyKeyQuery(token, body.requiredScopes, source, body.clientIp));
  if (isThrottled(verdict)) throw AuthErrors.throttled(verdict);
  return present(verdict);
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/** The answer, by whitelist: a key's limits themselves (its IP list, its ledger) never leave the service. */
function present(result: Exclude<Verdict, { retryAfterMs: number }>) {
  if (result.valid) {
    const { valid, code, keyId, workspaceId, scopes, expiresAt, validUntil, version, rateLimit, usage, limits } = result;
    // A limited key's answer holds for this request only: a caller's cache must not keep it.
    const limited = limits === undefined ? {} : { limited: true as const, ...(rateLimit ? { rateLimit } : {}), ...(usage ? { usage } : {}) };
    return { valid, code, keyId, workspaceId, scopes, expiresAt, validUntil, version, ...limited };
  }
  return result;
}
