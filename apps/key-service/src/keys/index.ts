// The keys module's public entry: the dashboard, the CLI and the app import this, never a deep path.
// It holds what they use and nothing more; add an export only when a neighbour needs it.
export { KeysModule } from './keys.module';

// Commands and queries, dispatched on the CQRS buses.
export { BootstrapWorkspaceCommand } from './commands/bootstrap-workspace/bootstrap-workspace.command';
export { CreateKeyCommand } from './commands/create-key/create-key.command';
export { RevokeKeyCommand } from './commands/revoke-key/revoke-key.command';
export { RotateKeyCommand } from './commands/rotate-key/rotate-key.command';
export { UpdateKeyCommand } from './commands/update-key/update-key.command';
export { GetKeyQuery } from './queries/get-key/get-key.query';
export { GetKeyUsageQuery } from './queries/get-key-usage/get-key-usage.query';
export { ListKeysQuery } from './queries/list-keys/list-keys.query';
export { ReconcileReadModelQuery } from './queries/reconcile-read-model/reconcile-read-model.query';

// Results and their parts.
export type { KeySummary } from './queries/shared/key-summary';
export { keyStatus } from './queries/shared/key-summary';
export type { ListedStatus } from './ports';

// Domain rules and errors another edge applies the same way.
export { DomainError } from './domain/api-key.errors';
export { keyGrantor } from './domain/grant-rules';

// Edge helpers: the app answers the module's errors and records refused browser use with them; the
// dashboard's pages share the key-id check and the error answers with the API.
export { KEY_SERVICE_BROWSER_USE_LISTENER } from './http/browser-use.listener';
export { keyErrorMapper, keyErrorStatus } from './http/key-error.mapper';
export { OwnerProperty } from './http/owner.dto';
export { etag, ETAG_HEADER, KeyIdPipe, KeyIdRoute, parseIfMatch } from './http/key-route';
export { serveVerifyFromFastify } from './queries/verify-key/verify-key.route';
export { ManagementApi } from './http/management-api.decorator';

// The ports the reviews module reads and appends through (the module exports them, globally).
export { EVENT_PUBLISHER, EVENT_STORE, KEY_READ_MODEL, ConcurrencyError } from './ports';
export type { EventPublisher, EventStore, KeyReadModel } from './ports';
export type { RotateKeyResult } from './commands/rotate-key/rotate-key.command';
export type { KeyCommandResult } from './commands/shared/key-command.result';
