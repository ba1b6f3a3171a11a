import type { EventEnvelope } from './envelope';

export interface KeyBrowserUseRefusedV1Data {
  /** The request's Origin header, if any (truncated to 300 characters). */
  origin: string | null;
  secFetchMode: string | null;
  secFetchSite: string | null;
  /** `<METHOD> <route pattern>`, never a query string. */
  route: string;
}

/**
 * A signal, not a change: a key was presented with browser signals and the
 * request was refused. It is published on the key topic (message key =
 * keyId) for the audit trail but is NOT part of the key's event stream:
 * `version` is the key's version when it happened, and no key version is
 * consumed (If-Match keeps working). At most one per key per minute.
 */
export type KeyBrowserUseRefusedV1 = EventEnvelope<'KeyBrowserUseRefused', 1, KeyBrowserUseRefusedV1Data>;
