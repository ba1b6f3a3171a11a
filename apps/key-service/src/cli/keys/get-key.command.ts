import { isOn, operand } from '../args';
import { json } from '../output/table';
import { remoteCommand } from '../remote/remote-command';
import { keyFields } from './key-output';

export const getKeyCommand = remoteCommand({
  help: `Usage: pxxl-keys keys get <id> [--json]

Shows one key of your workspace (needs api_keys:read): never its secret.
"version" is what --if-version takes on update, rotate and revoke.

Example:
  pxxl-keys keys get k3PXrQ8yZt2mW9aB`,
  flags: [],
  async run(client, args, io) {
    const key = await client.keys.get(operand(args, 2, 'key id'));
    io.stdout.write(isOn(args, 'json') ? json(key) : keyFields(key));
    return 0;
  },
});
