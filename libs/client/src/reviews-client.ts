import type { AppliedOutcome, ReviewSummaryView, ReviewView } from '@pxxl/contracts';
import type { HttpTransport } from './http-transport';

export interface ReviewDecisionRequest {
  decision: 'keep' | 'rotate' | 'revoke' | 'shorten-expiry' | 'reassign';
  justification?: string;
  expiresAt?: string;
  owner?: string;
}

const reviewPath = (id: string) => `/v1/reviews/${encodeURIComponent(id)}`;

/** Review campaigns (needs keys:review; apply needs api_keys:write). */
export class ReviewsClient {
  constructor(private readonly http: HttpTransport) {}

  async open(request: { title: string; dueAt: string; owner?: string; scope?: string }): Promise<ReviewView> {
    return (await this.http.json<ReviewView>('POST', '/v1/reviews', { body: request })).body;
  }

  async list(): Promise<{ items: ReviewSummaryView[] }> {
    return (await this.http.json<{ items: ReviewSummaryView[] }>('GET', '/v1/reviews')).body;
  }

  async get(id: string): Promise<ReviewView> {
    return (await this.http.json<ReviewView>('GET', reviewPath(id))).body;
  }

  async decide(id: string, keyId: string, decision: ReviewDecisionRequest): Promise<ReviewSummaryView> {
    return (await this.http.json<ReviewSummaryView>('PUT', `${reviewPath(id)}/keys/${encodeURIComponent(keyId)}`, { body: decision })).body;
  }

  async apply(id: string, options: { gracePeriodSeconds?: number } = {}): Promise<{ results: AppliedOutcome[]; review: ReviewSummaryView }> {
    return (await this.http.json<{ results: AppliedOutcome[]; review: ReviewSummaryView }>('POST', `${reviewPath(id)}/apply`, { body: options })).body;
  }

  async signOff(id: string): Promise<Record<string, unknown>> {
    return (await this.http.json<Record<string, unknown>>('POST', `${reviewPath(id)}/sign-off`)).body;
  }

  async attestation(id: string): Promise<Record<string, unknown>> {
    return (await this.http.json<Record<string, unknown>>('GET', `${reviewPath(id)}/attestation`)).body;
  }

  /** The printable page (text/html). */
  async attestationPage(id: string): Promise<string> {
    const answer = await this.http.stream('GET', `${reviewPath(id)}/attestation?format=html`, { headers: { accept: 'text/html' } });
    let text = '';
    for await (const chunk of answer.body) text += Buffer.from(chunk as Uint8Array).toString('utf8');
    return text;
  }
}
