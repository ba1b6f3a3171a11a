import { generateSignerKey, parseSignerKey } from '@pxxl/audit-trail';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { acceptOnly, text, UsageError } from '../args';
import type { CliCommand } from '../cli-command';
import { EXIT } from '../exit-codes';

/** An operator's command: the checkpoint signing key, made here, never sent anywhere. */
export const keygenAuditCommand: CliCommand = {
  help: `Usage: pxxl-keys audit keygen --name <key name> --out <signing key file> [--verifier-out <file>]

Makes an Ed25519 checkpoint signing key in the note format
(PRIVATE+KEY+<name>+<hash>+<key>), writes it to --out (mode 0600, never
overwritten) and prints its verifier key (<name>+<hash>+<key>), which is
public: give it to reviewers and witnesses. Point AUDIT_SIGNING_KEY_FILE at
--out. The name is usually the log's origin host, e.g. keys.example.com.

Example:
  pxxl-keys audit keygen --name keys.example.com --out /run/secrets/audit-signing.key`,
  async run(args, io) {
    acceptOnly(args, ['name', 'out', 'verifier-out']);
    const name = text(args, 'name');
    const out = text(args, 'out');
    if (!name || !out) throw new UsageError('give --name and --out');
    if (existsSync(out)) throw new UsageError(`${out} exists already: a signing key is never overwritten (rotate by making a new one elsewhere)`);
    let key: string;
    try {
      key = generateSignerKey(name, randomBytes(32));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    writeFileSync(out, key + '\n', { mode: 0o600, flag: 'wx' });
    const verifierKey = parseSignerKey(key).verifierKey;
    const verifierOut = text(args, 'verifier-out');
    if (verifierOut) writeFileSync(verifierOut, verifierKey + '\n');
    io.stdout.write(verifierKey + '\n');
    return EXIT.OK;
  },
};
