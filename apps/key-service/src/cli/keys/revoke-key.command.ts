import { integer, isOn, operand, text } from '../args';
import { json } from '../output/table';
import { remoteCommand } from '../remote/remote-command';
import { IF_VERSION_HELP } from './update-key.command';

export const revokeKeyCommand = remoteCommand({
  help: `Usage: pxxl-keys keys revoke <id> [--reason <text>] [--if-version n] [--json]

Revokes a key: it stops verifying when this command returns, and services
subscribed to revocations drop it within a second (needs api_keys:write).
There is no undo. The reason goes into the audit trail.
${IF_VERSION_HELP}

Example:
  pxxl-keys keys revoke k3PXrQ8yZt2mW9aB --reason "owner left the team"`,
  flags: ['reason', 'if-version'],
  async run(client, args, io) {
    const revoked = await client.keys.revoke(operand(args, 2, 'key id'), { reason: text(args, 'reason'), version: integer(args, 'if-version') });
    io.stdout.write(isOn(args, 'json') ? json(revoked) : `Revoked key ${revoked.id}: it no longer verifies.\n`);
    return 0;
  },
});
