import { Inject, Injectable } from '@nestjs/common';
import type { AuditAnswer, AuditReader, ReviewReportView, TimelineEntryView } from '../ports/audit-reader.port';
import { DASHBOARD_SETTINGS, type DashboardSettings } from '../sessions/dashboard-settings';

const TIMEOUT_MS = 5000;

/**
 * The audit app's reviewer API over HTTP (AUDIT_URL), with the signed-in key
 * as Bearer: the audit app decides, by that key's `audit:read`, what it answers.
 */
@Injectable()
export class HttpAuditReader implements AuditReader {
  constructor(@Inject(DASHBOARD_SETTINGS) private readonly settings: DashboardSettings) {}

  review(authority: string): Promise<AuditAnswer<ReviewReportView>> {
    return this.get<ReviewReportView>(authority, '/v1/audit/review');
  }

  async timeline(authority: string, keyId: string): Promise<AuditAnswer<TimelineEntryView[]>> {
    const answer = await this.get<{ items: TimelineEntryView[] }>(authority, `/v1/audit/keys/${encodeURIComponent(keyId)}/timeline`);
    return answer.ok ? { ok: true, value: answer.value.items } : answer;
  }

  private async get<T>(authority: string, path: string): Promise<AuditAnswer<T>> {
    const url = this.settings.auditUrl.replace(/\/$/, '') + path;
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${authority}`, accept: 'application/json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch {
      return { ok: false, reason: 'UNAVAILABLE', message: `the audit service at ${this.settings.auditUrl} did not answer` };
    }
    const body = (await response.json().catch(() => null)) as (T & { message?: string }) | null;
    if (response.ok && body) return { ok: true, value: body };
    const message = typeof body?.message === 'string' ? body.message : `the audit service answered ${response.status}`;
    if (response.status === 401 || response.status === 403) return { ok: false, reason: 'FORBIDDEN', message };
    if (response.status === 404) return { ok: false, reason: 'NOT_FOUND', message };
    return { ok: false, reason: 'UNAVAILABLE', message };
  }
}
