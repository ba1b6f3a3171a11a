/** Where a command writes and what environment it reads: the process, or a test's capture. */
export interface CliIo {
  stdout: { write(chunk: string | Uint8Array): unknown };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
}

export const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env };
