import { displayPrefix, parseToken } from '@pxxl/contracts';
import { acceptOnly, isOn, UsageError } from '../args';
import type { CliCommand } from '../cli-command';
import { EXIT } from '../exit-codes';
import { json } from '../output/table';

export interface FormatVerdict {
  line: number;
  valid: boolean;
  /** Only for a line that holds a key of the right shape: what listings show, never the secret. */
  displayPrefix?: string;
  reason?: 'FORMAT' | 'CHECKSUM';
}

/** One verdict per non-empty line: offline, no key service, no I/O but stdin. */
export function checkFormats(text: string): FormatVerdict[] {
  const verdicts: FormatVerdict[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const candidate = raw.trim();
    if (candidate === '') return;
    const parsed = parseToken(candidate);
    if (parsed.ok) verdicts.push({ line: index + 1, valid: true, displayPrefix: displayPrefix(parsed.token.keyId, parsed.token.secret) });
    else verdicts.push({ line: index + 1, valid: false, reason: parsed.reason });
  });
  return verdicts;
}

export const checkFormatCommand: CliCommand = {
  help: `Usage: pxxl-keys check-format [--json]  < tokens

Reads one candidate key per line on stdin and says, offline, which are
well-formed Pxxl keys with a right checksum: so a pipeline can drop secret
scanner hits (gitleaks, GitHub) that no Pxxl key can be. It asks no server and
says nothing about whether a key exists or is valid (that is "verify"). It
never prints a secret: a passing line shows its display prefix.
Exit 0 when every line passes, 4 when any fails (FORMAT: not the key's shape;
CHECKSUM: the shape, but a wrong checksum).

Example:
  jq -r '.[] | select(.RuleID == "pxxl-api-key") | .Secret' leaks.json | pxxl-keys check-format --json`,
  async run(args, io) {
    acceptOnly(args, []);
    if (!io.stdin || io.stdin.isTTY) throw new UsageError('the candidate keys are read from stdin: pipe them in, e.g. "pxxl-keys check-format < hits.txt"');
    // Read as is, not trimmed: the verdicts name lines of the input.
    let text = '';
    for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    const verdicts = checkFormats(text);
    if (isOn(args, 'json')) io.stdout.write(json(verdicts));
    else {
      for (const v of verdicts) io.stdout.write(v.valid ? `line ${v.line}: ok ${v.displayPrefix}…\n` : `line ${v.line}: NOT A KEY (${v.reason})\n`);
    }
    return verdicts.every((v) => v.valid) ? EXIT.OK : EXIT.CHECK_FAILED;
  },
};
