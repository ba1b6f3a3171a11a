import { ArgumentsHost, Catch, ExceptionFilter, Inject, Logger } from '@nestjs/common';
import { toApiError } from '@pxxl/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { keyErrorMapper } from '../../keys';
import { reviewErrorMapper } from '../../reviews';
import { DASHBOARD_SETTINGS, type DashboardSettings } from '../sessions/dashboard-settings';
import { errorPage } from '../views/error.view';
import { clearCookie, SESSION_COOKIE } from './cookies';
import { sessionOf, SignedOut } from './dashboard-session.guard';
import { sendPage } from './pages';

/**
 * Dashboard errors as pages, not JSON: no session goes to the sign-in page
 * (saying why it ended); anything else is an error page with the API's code.
 */
@Catch()
export class DashboardErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Dashboard');

  constructor(@Inject(DASHBOARD_SETTINGS) private readonly settings: DashboardSettings) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof SignedOut) {
      if (error.reason !== 'NO_SESSION') clearCookie(reply, request, this.settings, SESSION_COOKIE);
      const query = error.reason === 'NO_SESSION' ? '' : `?ended=${error.reason}`;
      void reply.status(303).header('location', `/dashboard/sign-in${query}`).send();
      return;
    }
    const apiError = toApiError(error, (e) => reviewErrorMapper(e) ?? keyErrorMapper(e));
    if (apiError.status >= 500) this.logger.error(error instanceof Error ? error : String(error));
    void reply.headers(apiError.headers);
    sendPage(reply, errorPage({ ...apiError.toBody(), status: apiError.status, operator: sessionOf(request) }), apiError.status);
  }
}
