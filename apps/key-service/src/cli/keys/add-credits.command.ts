import { integer, isOn, operand, UsageError } from '../args';
import { json } from '../output/table';
import { remoteCommand } from '../remote/remote-command';
import { IF_VERSION_HELP } from './update-key.command';

export const addCreditsCommand = remoteCommand({
  help: `Usage: pxxl-keys keys top-up <id> --amount <n> [--if-version n] [--json]

Adds n successful verifications to a key's usage quota, in its current period
(needs api_keys:write). The key must have a quota (keys update --usage-limit).
${IF_VERSION_HELP}

Example:
  pxxl-keys keys top-up k3PXrQ8yZt2mW9aB --amount 500`,
  flags: ['amount', 'if-version'],
  async run(client, args, io) {
    const id = operand(args, 2, 'key id');
    const amount = integer(args, 'amount');
    if (amount === undefined || amount < 1) throw new UsageError('give --amount: how many verifications to add (1 or more)');
    const changed = await client.keys.addCredits(id, amount, integer(args, 'if-version'));
    io.stdout.write(isOn(args, 'json') ? json(changed) : `Added ${amount} to the quota of key ${changed.id} (now version ${changed.version}).\n`);
    return 0;
  },
});
