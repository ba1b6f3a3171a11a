import { duration, isOn, operand, text } from '../args';
import { remoteCommand } from '../remote/remote-command';
import { showOwnerOutcomes } from './owner-output';

export const rotateOwnerCommand = remoteCommand({
  help: `Usage: pxxl-keys owners rotate <owner> [--new-owner <kind:name>] [--grace <duration>] [--since <iso>] [--json]

Someone leaves: gives every active key of <owner> a new secret, each through
its own rotation (needs api_keys:write and each key's scopes; a key you cannot
rotate is listed as failed with its code, exit code 1). The new keys are
printed once.
  --new-owner   reassign each key to this owner first
  --grace       how long each old secret keeps working, e.g. 1h (default 0)
  --since       only keys not rotated since this moment (default: when this
                command starts, so running it again finds nothing left to do)

Example:
  pxxl-keys owners rotate user:alice --new-owner team:payments --grace 1h`,
  flags: ['new-owner', 'grace', 'since'],
  async run(client, args, io) {
    const owner = operand(args, 2, 'owner');
    const notRotatedSince = text(args, 'since') ?? new Date().toISOString();
    const answer = await client.keys.rotateOwner(owner, { gracePeriodSeconds: duration(args, 'grace'), newOwner: text(args, 'new-owner'), notRotatedSince });
    return showOwnerOutcomes(io, isOn(args, 'json'), answer, 'rotated');
  },
});
