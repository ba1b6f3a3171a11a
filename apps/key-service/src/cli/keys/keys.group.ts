import type { CommandGroup } from '../cli-command';

export const keysGroup: CommandGroup = {
  help: `Usage: pxxl-keys keys <list|get|create|update|rotate|revoke|usage|top-up> [options]

  list      your workspace's keys, newest first
  get       one key
  create    a new key, printed once
  update    rename a key, change its description or its limits
  rotate    a new secret for a key, printed once; the old one ends now or after a grace period
  revoke    end a key, at once
  usage     a key's verifications per day, by outcome
  top-up    more verifications for a key's usage quota

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
    usage: async () => (await import('./key-usage.command')).keyUsageCommand,
    'top-up': async () => (await import('./add-credits.command')).addCreditsCommand,
  },
};
