import { Controller, Get, Inject, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AUDIT_READER, type AuditReader } from '../ports/audit-reader.port';
import type { DashboardSession } from '../sessions/dashboard-sessions';
import { reviewPage } from '../views/review.view';
import { DashboardErrorFilter } from './dashboard-error.filter';
import { CurrentSession, DashboardSessionGuard } from './dashboard-session.guard';
import { sendPage } from './pages';

/** The periodic review report of the audit app (#5), as a page whose rows link to the keys. */
@ApiExcludeController()
@UseGuards(DashboardSessionGuard)
@UseFilters(DashboardErrorFilter)
@Controller('dashboard/review')
export class ReviewPageController {
  constructor(@Inject(AUDIT_READER) private readonly audit: AuditReader) {}

  @Get()
  async review(@CurrentSession() session: DashboardSession, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, reviewPage({ operator: session, report: await this.audit.review(session.authority) }));
  }
}
