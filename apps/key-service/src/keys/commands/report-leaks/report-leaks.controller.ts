import { Body, Controller, HttpCode, Inject, Logger, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@pxxl/contracts';
import { AnswersErrors, ApiError } from '@pxxl/http';
import { LEAK_REPORT_SCHEMA, MAX_LEAK_REPORTS, parseLeakReports } from './leak-report';
import { ReportLeaksCommand } from './report-leaks.command';

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
