import type { CommandGroup } from '../cli-command';

export const ownersGroup: CommandGroup = {
  help: `Usage: pxxl-keys owners <rotate|revoke> <owner> [options]

  rotate    a new secret for every active key of an owner (reassign with --new-owner)
  revoke    end every active key of an owner, at once

An owner is team:<name>, user:<name> or service:<name>.
Run "pxxl-keys owners <subcommand> --help" for its options and an example.

Example:
  pxxl-keys owners rotate user:alice --new-owner team:payments`,
  subcommands: {
    rotate: async () => (await import('./rotate-owner.command')).rotateOwnerCommand,
    revoke: async () => (await import('./revoke-owner.command')).revokeOwnerCommand,
  },
};
