import { isOn, operand, text } from '../args';
import { remoteCommand } from '../remote/remote-command';
import { showOwnerOutcomes } from './owner-output';

export const revokeOwnerCommand = remoteCommand({
  help: `Usage: pxxl-keys owners revoke <owner> [--reason <text>] [--json]

Someone leaves and their keys must stop: revokes every active key of <owner>,
each through its own revocation (needs api_keys:write). There is no undo.
Running it again finds nothing left to do.

Example:
  pxxl-keys owners revoke user:alice --reason "alice left the company"`,
  flags: ['reason'],
  async run(client, args, io) {
    const answer = await client.keys.revokeOwner(operand(args, 2, 'owner'), { reason: text(args, 'reason') });
    return showOwnerOutcomes(io, isOn(args, 'json'), answer, 'revoked');
  },
});
