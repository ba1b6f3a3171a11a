import { isOn, list } from '../args';
import { EXIT } from '../exit-codes';
import { json, when } from '../output/table';
import { remoteCommand } from '../remote/remote-command';
import { readStdin } from '../remote/remote-session';

export const verifyCommand = remoteCommand({
  help: `Usage: pxxl-keys verify [--scope <scope>]... [--json]  < key

Asks the key service whether a key is valid, and holds the scopes given: the
answer your services get from POST /v1/verify. The key to check is read from
PXXL_VERIFY_KEY or, when that is unset, from stdin; never from the command
line. Needs no key of your own. Exit 0 VALID, 4 not valid (MALFORMED,
NOT_FOUND, REVOKED, EXPIRED, INSUFFICIENT_SCOPE: printed, with the missing
scopes).

Example:
  pxxl-keys verify --scope cdn:upload:web < key.txt
  VALID: key k3PXrQ8yZt2mW9aB of workspace acme; scopes cdn:upload:web; expires 2027-01-31 00:00Z`,
  flags: ['scope'],
  key: false,
  async run(client, args, io) {
    const presented = io.env.PXXL_VERIFY_KEY?.trim() || (await readStdin(io, 'the key to verify', '"pxxl-keys verify < key.txt", or set PXXL_VERIFY_KEY'));
    const answer = await client.keys.verify(presented, list(args, 'scope'));
    if (isOn(args, 'json')) io.stdout.write(json(answer));
    else if (answer.valid) {
      io.stdout.write(`VALID: key ${answer.keyId} of workspace ${answer.workspaceId}; scopes ${answer.scopes.join(' ')}; expires ${when(answer.expiresAt, 'never')}\n`);
    } else {
      const missing = answer.code === 'INSUFFICIENT_SCOPE' ? `: lacks ${answer.missingScopes.join(' ')}` : '';
      io.stdout.write(`NOT VALID: ${answer.code}${missing}\n`);
    }
    return answer.valid ? EXIT.OK : EXIT.CHECK_FAILED;
  },
});
