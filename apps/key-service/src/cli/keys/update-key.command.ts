import { integer, isOn, operand, text, UsageError } from '../args';
import { json } from '../output/table';
import { remoteCommand } from '../remote/remote-command';

export const IF_VERSION_HELP = `  --if-version   only if the key is still at this version ("keys get" shows it);
                 otherwise nothing changes and the exit code is 7`;

export const updateKeyCommand = remoteCommand({
  help: `Usage: pxxl-keys keys update <id> [--name <name>] [--description <text>] [--if-version n] [--json]

Renames a key or changes its description (needs api_keys:write). Scopes and
expiry never change: create a new key for that. --description "" clears it.
${IF_VERSION_HELP}

Example:
  pxxl-keys keys update k3PXrQ8yZt2mW9aB --description "owned by the web team; reviewed 2026-Q4"`,
  flags: ['name', 'description', 'if-version'],
  async run(client, args, io) {
    const id = operand(args, 2, 'key id');
    const name = text(args, 'name');
    const description = text(args, 'description');
    if (name === undefined && description === undefined) throw new UsageError('give --name and/or --description: there is nothing else to update');
    const changes = { name, description: description === '' ? null : description };
    const changed = await client.keys.update(id, changes, integer(args, 'if-version'));
    io.stdout.write(isOn(args, 'json') ? json(changed) : `Updated key ${changed.id} (now version ${changed.version}).\n`);
    return 0;
  },
});
