import { SetMetadata } from '@nestjs/common';

export const REQUIRED_SCOPES = 'pxxl:required-scopes';

/** The scopes the calling key must hold (resource-qualified ones allowed). */
export const RequireScopes = (...scopes: string[]) => SetMetadata(REQUIRED_SCOPES, scopes);
