import type { CommandGroup } from '../cli-command';

export const keysGroup: CommandGroup = {
  help: `Usage: pxxl-keys keys <list|get|create|update|rotate|revoke> [options]

  list      your workspace's keys, newest first
  get       one key
  create    a new key, printed once
  update    rename a key or change its description
  rotate    a new secret for a key, printed once; the old one ends now or after a grace period
  revoke    end a key, at once

Run "pxxl-keys keys <subcommand> --help" for its options and an example.

Example:
  pxxl-keys keys list --status active`,
  subcommands: {
    list: async () => (await import('./list-keys.command')).listKeysCommand,
    get: async () => (await import('./get-key.command')).getKeyCommand,
    create: async () => (await import('./create-key.command')).createKeyCommand,
    update: async () => (await import('./update-key.command')).updateKeyCommand,
    rotate: async () => (await import('./rotate-key.command')).rotateKeyCommand,
    revoke: async () => (await import('./revoke-key.command')).revokeKeyCommand,
  },
};
