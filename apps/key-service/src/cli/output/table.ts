/** Columns aligned with two spaces; the last column is not padded. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** `2027-01-31 12:00Z`, or the fallback for a missing date. */
export function when(iso: string | null | undefined, fallback = '-'): string {
  if (!iso) return fallback;
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`;
}

/** Fields one per line, names aligned: for one key. */
export function fields(pairs: Array<[string, string]>): string {
  const width = Math.max(...pairs.map(([name]) => name.length));
  return pairs.map(([name, value]) => `${`${name}:`.padEnd(width + 1)}  ${value}`).join('\n') + '\n';
}

export function json(value: unknown): string {
  return JSON.stringify(value) + '\n';
}
