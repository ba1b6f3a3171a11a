import { Body, Controller, Get, Inject, Param, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { CLOCK, keyActor, type Clock } from '@pxxl/contracts';
import { ApiErrors, type FormBody } from '@pxxl/http';
import type { FastifyReply } from 'fastify';
import {
  CreateKeyCommand,
  GetKeyQuery,
  GetKeyUsageQuery,
  keyGrantor,
  KeyIdPipe,
  ListKeysQuery,
  RevokeKeyCommand,
  RotateKeyCommand,
  UpdateKeyCommand,
  type KeySummary,
  type ListedStatus,
} from '../../keys';
import { AUDIT_READER, type AuditReader } from '../ports/audit-reader.port';
import { DashboardSessions, type DashboardSession } from '../sessions/dashboard-sessions';
import { dateInDays, DEFAULT_EXPIRY_DAYS } from '../views/format';
import { editKeyPage, revokeKeyPage, rotateKeyPage, type ActionInput } from '../views/key-actions.view';
import { keyDetailPage } from '../views/key-detail.view';
import { createKeyPage, type CreateKeyForm } from '../views/key-form.view';
import { limitsFormOf, limitsOf, NO_LIMITS_FORM, type LimitsForm } from '../views/key-limits.view';
import { keysListPage, STATUS_FILTERS } from '../views/keys-list.view';
import type { Html } from '../views/html';
import type { FieldErrors } from '../views/layout';
import { revealDialog } from '../views/reveal.view';
import { DashboardErrorFilter } from './dashboard-error.filter';
import { CurrentSession, DashboardErrors, DashboardSessionGuard, formField } from './dashboard-session.guard';
import { fieldErrorsOf, statusOf } from './form-errors';
import { redirect, sendPage } from './pages';

/** How many keys the list reads at the most (newest first), searching by name among them. */
const MAX_SCANNED = 1000;
const MAX_SHOWN = 200;
const PAGE = 100;

const text = (body: FormBody, name: string) => formField(body, name)?.trim() ?? '';
const list = (body: FormBody, name: string): string[] => {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
const version = (body: FormBody): number | undefined => {
  const value = Number(formField(body, 'version'));
  return Number.isInteger(value) && value > 0 ? value : undefined;
};

function writer(session: DashboardSession): DashboardSession {
  if (!session.canWrite) throw DashboardErrors.readOnly();
  return session;
}

function readCreateForm(body: FormBody): CreateKeyForm {
  return {
    name: formField(body, 'name') ?? '',
    description: formField(body, 'description') ?? '',
    preset: text(body, 'preset'),
    presetResource: text(body, 'presetResource'),
    scopes: list(body, 'scopes'),
    customScopes: formField(body, 'customScopes') ?? '',
    expiresOn: text(body, 'expiresOn'),
    noExpiry: formField(body, 'noExpiry') === '1',
    limits: readLimitsForm(body),
  };
}

function readLimitsForm(body: FormBody): LimitsForm {
  return {
    rateLimit: text(body, 'rateLimit'),
    rateWindowSeconds: text(body, 'rateWindowSeconds'),
    usageLimit: text(body, 'usageLimit'),
    refillAmount: text(body, 'refillAmount'),
    refillInterval: text(body, 'refillInterval'),
    allowedIps: formField(body, 'allowedIps') ?? '',
  };
}

/** The create form as the API's create request; `expiresOn` is a day, the key expires at its start (UTC). */
function expiresAtOf(form: CreateKeyForm): { ok: true; value: string | null | undefined } | { ok: false; errors: FieldErrors } {
  if (form.noExpiry) return { ok: true, value: null };
  if (form.expiresOn === '') return { ok: true, value: undefined };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.expiresOn) || Number.isNaN(Date.parse(`${form.expiresOn}T00:00:00Z`))) {
    return { ok: false, errors: { expiresOn: { code: 'INVALID_EXPIRY', message: 'pick a date, e.g. 2026-12-31' } } };
  }
  return { ok: true, value: `${form.expiresOn}T00:00:00.000Z` };
}

interface KeyAction<F> {
  /** Form fields in the order errors fall back to (the first takes codes the form has no field for). */
  fields: string[];
  blank(key: KeySummary): F;
  read(body: FormBody): F;
  page(input: ActionInput<F>): Html;
  /** Runs the command; answers where to go next. */
  run(pages: KeysPagesController, session: DashboardSession, key: KeySummary, form: F, expectedVersion?: number): Promise<string>;
}

const ACTIONS: Record<string, KeyAction<any>> = {
  edit: {
    fields: ['name', 'description', 'limits'],
    blank: (key) => ({ name: key.name, description: key.description ?? '', limits: limitsFormOf(key) }),
    read: (body) => ({ name: formField(body, 'name') ?? '', description: formField(body, 'description') ?? '', limits: readLimitsForm(body) }),
    page: editKeyPage,
    run: async (pages, session, key, form: { name: string; description: string; limits: LimitsForm }, expectedVersion) => {
      // Only what changed: an unchanged form answers NOTHING_TO_UPDATE, as the API does.
      const description = form.description.trim();
      const limits = limitsOf(form.limits);
      const unchanged = JSON.stringify(limitsOf(limitsFormOf(key))) === JSON.stringify(limits);
      const changes = {
        name: form.name.trim() === key.name ? undefined : form.name,
        description: description === (key.description ?? '') ? undefined : description === '' ? null : form.description,
        limits: unchanged ? undefined : limits,
      };
      await pages.commandBus.execute(new UpdateKeyCommand(key.id, session.workspaceId, keyActor(session.keyId), changes, expectedVersion));
      return `/dashboard/keys/${key.id}`;
    },
  } satisfies KeyAction<{ name: string; description: string; limits: LimitsForm }>,
  rotate: {
    fields: ['gracePeriodSeconds'],
    blank: () => ({ gracePeriodSeconds: 0 }),
    read: (body) => {
      const seconds = Number(formField(body, 'gracePeriodSeconds') ?? '0');
      return { gracePeriodSeconds: Number.isInteger(seconds) ? seconds : -1 };
    },
    page: rotateKeyPage,
    run: (pages, session, key, form: { gracePeriodSeconds: number }, expectedVersion) => pages.rotateKey(session, key, form.gracePeriodSeconds, expectedVersion),
  } satisfies KeyAction<{ gracePeriodSeconds: number }>,
  revoke: {
    fields: ['reason'],
    blank: () => ({ reason: '' }),
    read: (body) => ({ reason: text(body, 'reason').slice(0, 500) }),
    page: revokeKeyPage,
    run: async (pages, session, key, form: { reason: string }, expectedVersion) => {
      await pages.commandBus.execute(new RevokeKeyCommand(key.id, session.workspaceId, keyActor(session.keyId), form.reason || undefined, expectedVersion));
      // Revoking the key one signed in with ends the session: the next page finds the key revoked.
      return `/dashboard/keys/${key.id}`;
    },
  } satisfies KeyAction<{ reason: string }>,
};

function actionNamed(name: string): KeyAction<unknown> {
  const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
  if (!action) throw ApiErrors.routeNotFound();
  return action;
}

/** The API Keys pages: list, create, one key, edit, rotate, revoke. Every action goes through the command bus as the signed-in key. */
@ApiExcludeController()
@UseGuards(DashboardSessionGuard)
@UseFilters(DashboardErrorFilter)
@Controller('dashboard/keys')
export class KeysPagesController {
  constructor(
    readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly sessions: DashboardSessions,
    @Inject(AUDIT_READER) private readonly audit: AuditReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async list(
    @CurrentSession() session: DashboardSession,
    @Query('status') status: string | undefined,
    @Query('q') q: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    sendPage(reply, await this.listPage(session, status ?? '', (q ?? '').trim().slice(0, 100)));
  }

  @Get('new')
  newKey(@CurrentSession() session: DashboardSession, @Res() reply: FastifyReply): void {
    const form: CreateKeyForm = {
      name: '',
      description: '',
      preset: '',
      presetResource: '',
      scopes: [],
      customScopes: '',
      expiresOn: dateInDays(this.clock.now(), DEFAULT_EXPIRY_DAYS),
      noExpiry: false,
      limits: NO_LIMITS_FORM,
    };
    sendPage(reply, createKeyPage({ operator: writer(session), form, errors: {}, today: dateInDays(this.clock.now(), 1) }));
  }

  @Post()
  async create(@CurrentSession() session: DashboardSession, @Body() body: FormBody, @Res() reply: FastifyReply): Promise<void> {
    writer(session);
    const form = readCreateForm(body);
    const refuse = (errors: FieldErrors, status: number) =>
      sendPage(reply, createKeyPage({ operator: session, form, errors, today: dateInDays(this.clock.now(), 1) }), status);
    const expiresAt = expiresAtOf(form);
    if (!expiresAt.ok) return refuse(expiresAt.errors, 400);
    const scopes = [...form.scopes, ...form.customScopes.split(/[\s,]+/).filter(Boolean)];
    try {
      const result = await this.commandBus.execute(
        new CreateKeyCommand({
          workspaceId: session.workspaceId,
          actor: keyActor(session.keyId),
          grantor: keyGrantor(session.scopes),
          name: form.name,
          description: form.description.trim() === '' ? undefined : form.description,
          scopes: scopes.length > 0 ? scopes : undefined,
          preset: form.preset || undefined,
          presetResource: form.presetResource || undefined,
          expiresAt: expiresAt.value,
          limits: limitsOf(form.limits),
        }),
      );
      await this.sessions.offerOnce(session, { keyId: result.keyId, kind: 'created', token: result.token, previousSecretValidUntil: null });
      redirect(reply, `/dashboard/keys/${result.keyId}/secret`);
    } catch (error) {
      refuse(fieldErrorsOf(error, ['name', 'description', 'preset', 'scopes', 'expiresOn', 'limits'], 'name'), statusOf(error));
    }
  }

  /** The new key, once: the page takes it out of the session as it shows it. */
  @Get(':id/secret')
  async secret(@CurrentSession() session: DashboardSession, @Param('id', KeyIdPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const reveal = await this.sessions.takeOnce(session, id);
    if (!reveal) return redirect(reply, `/dashboard/keys/${id}`);
    const key = await this.queryBus.execute(new GetKeyQuery(id, session.workspaceId));
    sendPage(reply, await this.listPage(session, '', '', revealDialog(reveal, key.name)));
  }

  @Get(':id')
  async detail(@CurrentSession() session: DashboardSession, @Param('id', KeyIdPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const key = await this.queryBus.execute(new GetKeyQuery(id, session.workspaceId));
    const [timeline, usage] = await Promise.all([this.audit.timeline(session.authority, id), this.queryBus.execute(new GetKeyUsageQuery(id, session.workspaceId, 30))]);
    sendPage(reply, keyDetailPage({ operator: session, key, timeline, usage: usage.days, now: this.clock.now() }));
  }

  /** The form of an action on one key: edit, rotate or revoke. */
  @Get(':id/:action')
  async actionForm(
    @CurrentSession() session: DashboardSession,
    @Param('id', KeyIdPipe) id: string,
    @Param('action') name: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const action = actionNamed(name);
    const key = await this.key(writer(session), id);
    sendPage(reply, action.page({ operator: session, key, errors: {}, form: action.blank(key) }));
  }

  /** The action, as the signed-in key; a refusal of the domain is shown next to its field. */
  @Post(':id/:action')
  async act(
    @CurrentSession() session: DashboardSession,
    @Param('id', KeyIdPipe) id: string,
    @Param('action') name: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const action = actionNamed(name);
    const key = await this.key(writer(session), id);
    const form = action.read(body);
    try {
      redirect(reply, await action.run(this, session, key, form, version(body)));
    } catch (error) {
      sendPage(reply, action.page({ operator: session, key, form, errors: fieldErrorsOf(error, action.fields, action.fields[0]) }), statusOf(error));
    }
  }

  /** Rotation: the new key is shown once, like a created one; rotating one's own key carries the session over to it. */
  async rotateKey(session: DashboardSession, key: KeySummary, gracePeriodSeconds: number, expectedVersion?: number): Promise<string> {
    const command = new RotateKeyCommand(key.id, session.workspaceId, keyActor(session.keyId), keyGrantor(session.scopes), gracePeriodSeconds, expectedVersion);
    const result = await this.commandBus.execute(command);
    if (key.id === session.keyId) await this.sessions.replaceKey(session, result.token);
    await this.sessions.offerOnce(session, { keyId: key.id, kind: 'rotated', token: result.token, previousSecretValidUntil: result.previousSecretValidUntil });
    return `/dashboard/keys/${key.id}/secret`;
  }

  private key(session: DashboardSession, id: string): Promise<KeySummary> {
    return this.queryBus.execute(new GetKeyQuery(id, session.workspaceId));
  }

  private async listPage(session: DashboardSession, status: string, search: string, overlay?: Html) {
    const filter = STATUS_FILTERS.some((option) => option.value === status) ? status : '';
    const statuses = (filter ? [filter] : []) as ListedStatus[];
    const needle = search.toLowerCase();
    const keys: KeySummary[] = [];
    let cursor: string | undefined;
    let scanned = 0;
    let truncated = false;
    do {
      const page = await this.queryBus.execute(new ListKeysQuery(session.workspaceId, statuses, cursor, PAGE));
      scanned += page.items.length;
      keys.push(...page.items.filter((key) => key.name.toLowerCase().includes(needle)));
      cursor = page.nextCursor ?? undefined;
      truncated = keys.length > MAX_SHOWN || (cursor !== undefined && scanned >= MAX_SCANNED);
    } while (cursor !== undefined && !truncated);
    return keysListPage({ operator: session, keys: keys.slice(0, MAX_SHOWN), status: filter, search, truncated, now: this.clock.now(), overlay });
  }
}
