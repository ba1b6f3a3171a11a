/** Lowercase slug: the workspace id carried in every event and key. */
export const WORKSPACE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const DEFAULT_WORKSPACE_ID = 'default';
