import { TOKEN_PATTERN } from '@pxxl/contracts';

/** One reported token, as a secret scanner sends it (GitHub's secret-scanning format: token, type, url, source). */
export interface LeakReport {
  token: string;
  url: string | null;
  source: string | null;
}

export const MAX_LEAK_REPORTS = 100;
export const MAX_TOKEN_CHARS = 512;
export const MAX_URL_CHARS = 2000;
export const MAX_SOURCE_CHARS = 100;

export type LeakReportParse = { ok: true; reports: LeakReport[] } | { ok: false; problem: string };

const TOKENS = new RegExp(TOKEN_PATTERN.source, 'g');

/** url and source are kept; a token pasted into them is not. */
function keptText(value: unknown, max: number): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value.replace(TOKENS, '[REDACTED]').slice(0, max);
}

/**
 * Reads a report body: a JSON array of `{token, url?, source?}` (GitHub
 * style), or one such object. Other fields (GitHub's `type`, and whatever a
 * scanner adds) are ignored rather than refused, so that no scanner's report
 * is lost to a stricter schema. Whether a token is valid plays no part here.
 */
export function parseLeakReports(body: unknown): LeakReportParse {
  const items = Array.isArray(body) ? body : [body];
  if (items.length > MAX_LEAK_REPORTS) return { ok: false, problem: `at most ${MAX_LEAK_REPORTS} tokens per report` };
  const reports: LeakReport[] = [];
  for (const [index, item] of items.entries()) {
    const token = (item as { token?: unknown } | null)?.token;
    if (typeof item !== 'object' || item === null || Array.isArray(item) || typeof token !== 'string' || token.length === 0) {
      return { ok: false, problem: `item ${index} must be an object with a "token" string` };
    }
    if (token.length > MAX_TOKEN_CHARS) return { ok: false, problem: `item ${index}: the token is longer than ${MAX_TOKEN_CHARS} characters` };
    const { url, source } = item as { url?: unknown; source?: unknown };
    reports.push({ token, url: keptText(url, MAX_URL_CHARS), source: keptText(source, MAX_SOURCE_CHARS) });
  }
  return { ok: true, reports };
}
