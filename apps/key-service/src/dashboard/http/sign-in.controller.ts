import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FormBody } from '@pxxl/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DashboardSessions, type DashboardSession } from '../sessions/dashboard-sessions';
import { DASHBOARD_SETTINGS, type DashboardSettings } from '../sessions/dashboard-settings';
import { newCsrfToken, sameToken } from '../sessions/session-crypto';
import { signInPage } from '../views/sign-in.view';
import { clearCookie, readCookie, SESSION_COOKIE, setCookie, SIGN_IN_COOKIE } from './cookies';
import { DashboardErrorFilter } from './dashboard-error.filter';
import { checkOrigin, CurrentSession, DashboardErrors, DashboardSessionGuard, formField } from './dashboard-session.guard';
import { redirect, sendPage } from './pages';

/** Sign-in and sign-out of the dashboard (docs/dashboard.md). */
@ApiExcludeController()
@UseFilters(DashboardErrorFilter)
@Controller('dashboard')
export class SignInController {
  constructor(
    private readonly sessions: DashboardSessions,
    @Inject(DASHBOARD_SETTINGS) private readonly settings: DashboardSettings,
  ) {}

  @Get()
  root(@Res() reply: FastifyReply): void {
    redirect(reply, '/dashboard/keys');
  }

  @Get('sign-in')
  form(@Query('ended') ended: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    sendPage(reply, signInPage({ csrfToken: this.newSignInToken(request, reply), ended }));
  }

  /** `key` is the one place a browser sends a key: the browser-use refusal lets this route through (create-key-service-app.ts). */
  @Post('sign-in')
  async signIn(@Body() body: FormBody, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    checkOrigin(request);
    const expected = readCookie(request, SIGN_IN_COOKIE);
    if (!expected || !sameToken(formField(body, '_csrf'), expected)) throw DashboardErrors.csrf();
    const outcome = await this.sessions.signIn(formField(body, 'key') ?? '');
    if (!outcome.ok) {
      const { code, message } = outcome.error;
      // 401 like the API: the per-source brute-force limit counts it.
      sendPage(reply, signInPage({ csrfToken: this.newSignInToken(request, reply), errors: { key: { code, message } } }), outcome.error.status);
      return;
    }
    clearCookie(reply, request, this.settings, SIGN_IN_COOKIE);
    // No Max-Age: the cookie ends with the browser; the server ends the session sooner (idle, lifetime, key).
    setCookie(reply, request, this.settings, SESSION_COOKIE, outcome.secret);
    redirect(reply, '/dashboard/keys');
  }

  @Post('sign-out')
  @UseGuards(DashboardSessionGuard)
  async signOut(@CurrentSession() session: DashboardSession, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.sessions.signOut(session.secret);
    clearCookie(reply, request, this.settings, SESSION_COOKIE);
    redirect(reply, '/dashboard/sign-in?ended=SIGNED_OUT');
  }

  private newSignInToken(request: FastifyRequest, reply: FastifyReply): string {
    const token = newCsrfToken();
    setCookie(reply, request, this.settings, SIGN_IN_COOKIE, token, 3600);
    return token;
  }
}
