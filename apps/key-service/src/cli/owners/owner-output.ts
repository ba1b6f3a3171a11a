import type { OwnerKeysAnswer } from '@pxxl/client';
import type { CliIo } from '../cli-io';
import { json, table } from '../output/table';

/** Per-key outcomes: a table for people (new secrets included, printed once), the API's answer with --json. Exit 1 when any key failed. */
export function showOwnerOutcomes(io: CliIo, asJson: boolean, answer: OwnerKeysAnswer, done: string): number {
  const failed = answer.results.filter((result) => result.outcome === 'failed').length;
  if (asJson) {
    io.stdout.write(json(answer));
  } else if (answer.results.length === 0) {
    io.stderr.write(`No active key of ${answer.owner} is left to do.\n`);
  } else {
    const rows = answer.results.map((result) => [result.keyId, result.outcome, result.code ?? '-', result.key ?? '-']);
    io.stdout.write(table(['ID', 'OUTCOME', 'CODE', 'NEW KEY'], rows));
    io.stderr.write(`${answer.results.length - failed} of ${answer.results.length} keys of ${answer.owner} ${done}.\n`);
    if (answer.results.some((result) => result.key)) io.stderr.write('Copy the new keys now, they will not be shown again.\n');
  }
  return failed > 0 ? 1 : 0;
}
