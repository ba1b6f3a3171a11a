import { Body, Controller, HttpCode, Inject, Logger, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { AnswersErrors, ApiError, OPEN_JSON_VALUE, WITHOUT_FORBIDDEN_PROPERTIES } from '@pxxl/http';
import { MAX_LEAK_REPORTS, MAX_SOURCE_CHARS, MAX_TOKEN_CHARS, MAX_URL_CHARS, parseLeakReports } from './leak-report';
import { ReportLeaksCommand } from './report-leaks.command';

const LEAK_ITEM = {
  type: 'object',
  required: ['token'],
  additionalProperties: OPEN_JSON_VALUE,
  allOf: WITHOUT_FORBIDDEN_PROPERTIES,
  properties: {
    token: { type: 'string', minLength: 1, maxLength: MAX_TOKEN_CHARS, example: 'pxxl_k3PXrQ8yZt2mW9aB_…' },
    // Any value: a string is kept (cut, tokens in it redacted), anything else is dropped, never refused.
    url: { allOf: [OPEN_JSON_VALUE], description: `where it was found; a string is kept up to ${MAX_URL_CHARS} characters, tokens in it redacted`, example: 'https://github.com/acme/app/blob/abc/.env' },
    source: { allOf: [OPEN_JSON_VALUE], description: `a string is kept up to ${MAX_SOURCE_CHARS} characters`, example: 'content' },
  },
};

/** The body parseLeakReports takes, for the contract: other fields of an item are ignored, so items stay open. */
const LEAK_REPORT_SCHEMA = {
  oneOf: [{ type: 'array', maxItems: MAX_LEAK_REPORTS, items: LEAK_ITEM }, LEAK_ITEM],
  example: [{ token: 'pxxl_k3PXrQ8yZt2mW9aB_…', url: 'https://github.com/acme/app/blob/abc/.env', source: 'content' }],
};

export class LeaksAcceptedResponse {
  @ApiProperty({ example: 1, description: 'how many tokens the report held; says nothing about their validity' }) received!: number;
}

/**
 * Leaked-key reports from secret scanners (GitHub secret-scanning partner
 * style), without authentication. The answer is the same whether or not any
 * token is valid, and it comes before any token is checked: the work runs in
 * the background, so neither body nor timing tells a reporter anything.
 */
@ApiTags('leaks')
@Controller('v1/leaks')
export class ReportLeaksController {
  private readonly logger = new Logger(ReportLeaksController.name);

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ operationId: 'LeaksController_report', summary: 'Report leaked tokens: each live key among them is revoked at once (reason "leaked")' })
  @ApiBody({
    required: true,
    description: `a JSON array of up to ${MAX_LEAK_REPORTS} {token, url?, source?} (GitHub secret-scanning format; other fields are ignored), or one such object`,
    schema: LEAK_REPORT_SCHEMA,
  })
  @ApiResponse({ status: 202, type: LeaksAcceptedResponse })
  @AnswersErrors('INVALID_LEAK_REPORT')
  report(@Body() body: unknown): LeaksAcceptedResponse {
    const parsed = parseLeakReports(body);
    if (!parsed.ok) throw new ApiError(400, 'INVALID_LEAK_REPORT', parsed.problem, { maxTokens: MAX_LEAK_REPORTS });
    this.commandBus.execute(new ReportLeaksCommand(parsed.reports, this.clock.now())).catch((error: unknown) => {
      this.logger.error({ msg: 'leak report processing failed', error: String(error) });
    });
    return { received: parsed.reports.length };
  }
}
