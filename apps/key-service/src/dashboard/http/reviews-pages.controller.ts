import { Body, Controller, Get, Param, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { keyActor, SCOPES } from '@pxxl/contracts';
import { ApiError, type FormBody } from '@pxxl/http';
import type { FastifyReply } from 'fastify';
import { KeyIdPipe } from '../../keys';
import {
  ApplyReviewCommand,
  DecideKeyCommand,
  GetAttestationQuery,
  GetReviewQuery,
  ListReviewsQuery,
  OpenReviewCommand,
  renderAttestationPage,
  ReviewIdPipe,
  SignOffReviewCommand,
  type ReviewState,
} from '../../reviews';
import type { DashboardSession } from '../sessions/dashboard-sessions';
import { campaignPage, campaignsPage } from '../views/campaigns.view';
import { DashboardErrorFilter } from './dashboard-error.filter';
import { CurrentSession, DashboardErrors, DashboardSessionGuard, formField } from './dashboard-session.guard';
import { redirect, sendPage } from './pages';

const field = (body: FormBody, name: string) => formField(body, name)?.trim() || undefined;
const dayToIso = (day: string | undefined) => (day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00.000Z` : day);

/** The same scope the API's review routes require of the signed-in key. */
function reviewer(session: DashboardSession): DashboardSession {
  if (!session.scopes.includes(SCOPES.KEYS_REVIEW)) {
    throw new ApiError(403, 'INSUFFICIENT_SCOPE', 'the key you signed in with lacks keys:review', { missingScopes: [SCOPES.KEYS_REVIEW] });
  }
  return session;
}

/** The Reviews page (review campaigns): the same commands and queries as /v1/reviews, as HTML forms. */
@ApiExcludeController()
@UseGuards(DashboardSessionGuard)
@UseFilters(DashboardErrorFilter)
@Controller('dashboard/reviews')
export class ReviewsPagesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get()
  async list(@CurrentSession() session: DashboardSession, @Res() reply: FastifyReply): Promise<void> {
    const { items } = await this.queryBus.execute(new ListReviewsQuery(reviewer(session).workspaceId));
    sendPage(reply, campaignsPage({ operator: session, reviews: items }));
  }

  @Post()
  async open(@CurrentSession() session: DashboardSession, @Body() body: FormBody, @Res() reply: FastifyReply): Promise<void> {
    const state: ReviewState = await this.commandBus.execute(
      new OpenReviewCommand(reviewer(session).workspaceId, keyActor(session.keyId), {
        title: formField(body, 'title') ?? '',
        dueAt: dayToIso(field(body, 'dueOn')) ?? '',
        owner: field(body, 'owner') ?? null,
        scope: field(body, 'scope') ?? null,
      }),
    );
    redirect(reply, `/dashboard/reviews/${state.reviewId}`);
  }

  @Get(':id')
  async show(@CurrentSession() session: DashboardSession, @Param('id', ReviewIdPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    sendPage(reply, campaignPage({ operator: session, review: await this.queryBus.execute(new GetReviewQuery(reviewer(session).workspaceId, id)) }));
  }

  @Post(':id/keys/:keyId')
  async decide(
    @CurrentSession() session: DashboardSession,
    @Param('id', ReviewIdPipe) id: string,
    @Param('keyId', KeyIdPipe) keyId: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const decision = (formField(body, 'decision') ?? '') as never;
    const isChange = (name: string) => formField(body, 'decision') === name;
    await this.commandBus.execute(
      new DecideKeyCommand(reviewer(session).workspaceId, id, keyId, session.keyId, {
        decision,
        justification: field(body, 'justification') ?? null,
        expiresAt: isChange('shorten-expiry') ? (dayToIso(field(body, 'expiresOn')) ?? null) : null,
        owner: isChange('reassign') ? (field(body, 'owner') ?? null) : null,
      }),
    );
    redirect(reply, `/dashboard/reviews/${id}#key-${keyId}`);
  }

  @Post(':id/apply')
  async apply(@CurrentSession() session: DashboardSession, @Param('id', ReviewIdPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    if (!session.canWrite) throw DashboardErrors.readOnly();
    const { results } = await this.commandBus.execute(new ApplyReviewCommand(session.workspaceId, id, session.keyId, session.scopes, undefined));
    // New secrets are shown on this answer only, never after a redirect.
    void reply.header('cache-control', 'no-store');
    sendPage(reply, campaignPage({ operator: session, review: await this.queryBus.execute(new GetReviewQuery(session.workspaceId, id)), applied: results }));
  }

  @Post(':id/sign-off')
  async signOff(@CurrentSession() session: DashboardSession, @Param('id', ReviewIdPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    await this.commandBus.execute(new SignOffReviewCommand(reviewer(session).workspaceId, id, session.keyId));
    redirect(reply, `/dashboard/reviews/${id}/attestation`);
  }

  @Get(':id/attestation')
  async attestation(@CurrentSession() session: DashboardSession, @Param('id', ReviewIdPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const attestation = await this.queryBus.execute(new GetAttestationQuery(reviewer(session).workspaceId, id));
    void reply.status(200).type('text/html; charset=utf-8').send(renderAttestationPage(attestation));
  }
}
