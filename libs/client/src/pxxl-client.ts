import { AuditClient } from './audit-client';
import { HttpTransport } from './http-transport';
import { KeysClient } from './keys-client';
import { ReviewsClient } from './reviews-client';

export interface PxxlClientOptions {
  /** The key service, e.g. http://127.0.0.1:3000 */
  url: string;
  /** The audit app's reviewer API, e.g. http://127.0.0.1:3002 (the same URL behind one gateway). */
  auditUrl?: string;
  apiKey?: string;
  timeoutMs?: number;
  userAgent?: string;
}

/**
 * A typed client for the key service and the audit app, for scripts and the
 * pxxl-keys CLI. Close it when done (it keeps connections open for reuse).
 */
export class PxxlClient {
  readonly keys: KeysClient;
  readonly audit: AuditClient;
  readonly reviews: ReviewsClient;
  private readonly transports: HttpTransport[];

  constructor(options: PxxlClientOptions) {
    const shared = { apiKey: options.apiKey, timeoutMs: options.timeoutMs, userAgent: options.userAgent };
    const keys = new HttpTransport({ baseUrl: options.url, ...shared });
    const audit = options.auditUrl && options.auditUrl !== options.url ? new HttpTransport({ baseUrl: options.auditUrl, ...shared }) : keys;
    this.keys = new KeysClient(keys);
    this.reviews = new ReviewsClient(keys);
    this.audit = new AuditClient(audit);
    this.transports = audit === keys ? [keys] : [keys, audit];
  }

  async close(): Promise<void> {
    await Promise.all(this.transports.map((t) => t.close()));
  }
}
