/**
 * Every series an app of Pxxl Keys exposes at GET /metrics, in one place:
 * docs/operations.md lists them (a test checks it names each), and the alert
 * rules in deploy/prometheus/alerts.yml use them. Prometheus naming: the
 * pxxl_keys_ prefix, base units, _total counters, _seconds histograms. Labels
 * take few values: never a key id, never a workspace id.
 */
export const LATENCY_BUCKETS = [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] as const;
export const BCRYPT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5] as const;
export const STORE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] as const;
export const PROPAGATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

export interface SeriesSpec {
  name: string;
  help: string;
  labelNames: readonly string[];
  buckets?: readonly number[];
}

const spec = <S extends SeriesSpec>(s: S): S => s;

export const SERIES = {
  // Verification (the pipeline of @pxxl/verification, as the key service and every bearer-auth guard run it).
  verifications: spec({ name: 'pxxl_keys_verifications_total', help: 'Verifications answered, by result code and path (http: POST /v1/verify; guard: a bearer-auth guard in process).', labelNames: ['code', 'path'] }),
  verificationDuration: spec({ name: 'pxxl_keys_verification_duration_seconds', help: 'Time to answer one verification, cache hits included.', labelNames: ['path'], buckets: LATENCY_BUCKETS }),
  cacheHits: spec({ name: 'pxxl_keys_verification_cache_hits_total', help: 'Verifications answered from the verdict cache (no I/O, no bcrypt).', labelNames: [] }),
  cacheMisses: spec({ name: 'pxxl_keys_verification_cache_misses_total', help: 'Verifications the verdict cache could not answer (sent to the backend or joined a check in flight).', labelNames: [] }),
  cacheEntries: spec({ name: 'pxxl_keys_verification_cache_entries', help: 'Verdicts held in the cache now.', labelNames: [] }),
  // bcrypt.
  bcryptCompare: spec({ name: 'pxxl_keys_bcrypt_compare_duration_seconds', help: 'Duration of one bcrypt comparison (dummy comparisons for unknown key ids included).', labelNames: [], buckets: BCRYPT_BUCKETS }),
  bcryptHash: spec({ name: 'pxxl_keys_bcrypt_hash_duration_seconds', help: 'Duration of hashing one new secret (create, rotate).', labelNames: [], buckets: BCRYPT_BUCKETS }),
  // Commands and the event store (key service).
  commands: spec({ name: 'pxxl_keys_commands_total', help: 'Commands handled, by type and outcome (ok, or the stable error code).', labelNames: ['type', 'outcome'] }),
  eventStoreAppend: spec({ name: 'pxxl_keys_event_store_append_duration_seconds', help: 'Duration of appending one batch of events to the event store.', labelNames: [], buckets: STORE_BUCKETS }),
  // Outbox relay.
  outboxUnpublished: spec({ name: 'pxxl_keys_outbox_unpublished_events', help: 'Items this instance holds that are stored but not yet on the topic and marked.', labelNames: ['outbox'] }),
  outboxOldestAge: spec({ name: 'pxxl_keys_outbox_oldest_unpublished_age_seconds', help: 'Age of the oldest of those items (0 when none).', labelNames: ['outbox'] }),
  outboxPublishErrors: spec({ name: 'pxxl_keys_outbox_publish_errors_total', help: 'Failed sends of an outbox batch to Kafka (each is retried).', labelNames: ['outbox'] }),
  // Consumers.
  consumerLag: spec({ name: 'pxxl_keys_consumer_lag', help: 'Messages on the partition past the group\'s committed offset.', labelNames: ['group', 'partition'] }),
  projectionApply: spec({ name: 'pxxl_keys_projection_apply_duration_seconds', help: 'Time the projector takes to apply one event to key_views.', labelNames: [], buckets: STORE_BUCKETS }),
  auditApply: spec({ name: 'pxxl_keys_audit_apply_duration_seconds', help: 'Time the audit app takes to record one event in the trail.', labelNames: [], buckets: STORE_BUCKETS }),
  deadLettered: spec({ name: 'pxxl_keys_dead_lettered_messages_total', help: 'Poison messages sent to the dead-letter topic, by consumer group and reason.', labelNames: ['group', 'reason'] }),
  revocationPropagation: spec({ name: 'pxxl_keys_revocation_propagation_seconds', help: 'From a KeyRevoked event\'s occurredAt to applied here (the projector\'s view, or a listener\'s cache).', labelNames: ['subscriber'], buckets: PROPAGATION_BUCKETS }),
  // Audit trail.
  auditEntries: spec({ name: 'pxxl_keys_audit_entries_written_total', help: 'Audit entries written (a redelivered event that is already recorded is not counted).', labelNames: [] }),
  auditGap: spec({ name: 'pxxl_keys_audit_reconcile_gap_events', help: 'Events in the log older than the grace period with no audit entry, at the last completeness check.', labelNames: [] }),
  // HTTP.
  httpRequests: spec({ name: 'pxxl_keys_http_requests_total', help: 'HTTP requests answered, by method, route template and status.', labelNames: ['method', 'route', 'status'] }),
  httpDuration: spec({ name: 'pxxl_keys_http_request_duration_seconds', help: 'Time to answer an HTTP request, by method and route template.', labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS }),
} as const;

export type SeriesName = keyof typeof SERIES;
