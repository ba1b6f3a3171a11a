import { duration, integer, isOn, operand } from '../args';
import { when } from '../output/table';
import { remoteCommand } from '../remote/remote-command';
import { showNewKey } from './key-output';
import { IF_VERSION_HELP } from './update-key.command';

export const rotateKeyCommand = remoteCommand({
  help: `Usage: pxxl-keys keys rotate <id> [--grace <duration>] [--if-version n] [--json]

Gives a key a new secret; id, name, scopes and expiry stay (needs
api_keys:write and the key's scopes). The new key is printed once, alone on
stdout; with --json the API's whole answer goes to stdout.
  --grace        how long the old secret keeps working, e.g. 1h, 7d, 0
                 (default: the API's; never past the key's expiry nor the
                 workspace policy's maximum)
${IF_VERSION_HELP}

Example:
  NEW_KEY=$(pxxl-keys keys rotate k3PXrQ8yZt2mW9aB --grace 1h)`,
  flags: ['grace', 'if-version'],
  async run(client, args, io) {
    const rotated = await client.keys.rotate(operand(args, 2, 'key id'), { gracePeriodSeconds: duration(args, 'grace'), version: integer(args, 'if-version') });
    const old = rotated.previousSecretValidUntil
      ? `the previous secret keeps working until ${when(rotated.previousSecretValidUntil)}`
      : 'the previous secret stopped working';
    showNewKey(io, isOn(args, 'json'), rotated, [`Rotated key ${rotated.id} "${rotated.name}": ${old}.`]);
    return 0;
  },
});
