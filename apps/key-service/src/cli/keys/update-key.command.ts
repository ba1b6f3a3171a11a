import { integer, isOn, operand, text, UsageError } from '../args';
import { json } from '../output/table';
import { remoteCommand } from '../remote/remote-command';
import { LIFT_HELP, LIMIT_FLAGS, LIMIT_HELP, limitsFrom } from './limit-flags';

export const IF_VERSION_HELP = `  --if-version   only if the key is still at this version ("keys get" shows it);
                 otherwise nothing changes and the exit code is 7`;

export const updateKeyCommand = remoteCommand({
  help: `Usage: pxxl-keys keys update <id> [--name <name>] [--description <text>] [--owner <kind:name>] [limits] [--if-version n] [--json]

Renames a key, changes its description, its owner or its limits (needs
api_keys:write). Scopes and expiry never change: create a new key for that.
--description "" clears it; --owner "" removes the owner. A new owner makes
the key "rotation due" until it is rotated (the old owner may hold the secret).
${LIMIT_HELP}
${LIFT_HELP}
${IF_VERSION_HELP}

Example:
  pxxl-keys keys update k3PXrQ8yZt2mW9aB --description "owned by the web team; reviewed 2026-Q4"`,
  flags: ['name', 'description', 'owner', 'if-version', ...LIMIT_FLAGS],
  async run(client, args, io) {
    const id = operand(args, 2, 'key id');
    const name = text(args, 'name');
    const description = text(args, 'description');
    const owner = text(args, 'owner');
    const limits = limitsFrom(args);
    if (name === undefined && description === undefined && owner === undefined && Object.keys(limits).length === 0) {
      throw new UsageError('give --name, --description or --owner, or a limit flag: there is nothing else to update');
    }
    const changes = { name, description: description === '' ? null : description, ...limits, ...(owner === undefined ? {} : { owner: owner === '' ? null : owner }) };
    const changed = await client.keys.update(id, changes, integer(args, 'if-version'));
    io.stdout.write(isOn(args, 'json') ? json(changed) : `Updated key ${changed.id} (now version ${changed.version}).\n`);
    return 0;
  },
});
