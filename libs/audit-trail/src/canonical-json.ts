/**
 * The one serialisation the chain hashes: JSON with object keys sorted
 * (by UTF-16 code unit, like Array.prototype.sort), no whitespace, dates as
 * ISO-8601 strings, `undefined` object members left out. The same entry
 * serialises to the same bytes whether it comes from MongoDB (with Date
 * objects) or from an NDJSON export (with strings), so anyone can recompute
 * a hash from an export.
 */
export function canonicalJson(value: unknown): string {
  // JSON.stringify does the escaping (and Date#toJSON) natively; the replacer only orders keys.
  return JSON.stringify(value, sortKeys);
}

function sortKeys(this: unknown, _key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot serialise the number ${value}`);
      return value;
    case 'function':
    case 'symbol':
    case 'bigint':
      throw new TypeError(`cannot serialise a ${typeof value}`);
    case 'object': {
      if (value === null || Array.isArray(value)) return value;
      const record = value as Record<string, unknown>;
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(record).sort()) sorted[key] = record[key];
      return sorted;
    }
    default:
      return value;
  }
}
