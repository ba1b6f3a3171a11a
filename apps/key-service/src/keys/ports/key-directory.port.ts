/** Questions about a workspace's keys that are not one key's state. */
export interface KeyDirectory {
  hasActiveAdminKey(workspaceId: string): Promise<boolean>;
}

export const KEY_DIRECTORY = 'KEY_DIRECTORY';
