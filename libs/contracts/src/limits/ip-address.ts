/**
 * IPv4 and IPv6 addresses and CIDR blocks, pure. An IPv4-mapped IPv6 address
 * (`::ffff:10.1.2.3`, what a dual-stack socket reports) is its IPv4 address.
 */
export interface IpAddress {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  bytes: Uint8Array;
}

export interface Cidr extends IpAddress {
  prefix: number;
}

/** Dotted quad, no leading zeros; one pass over the characters (it runs on every verification of a key with an IP list). */
function parseV4(text: string): Uint8Array | null {
  const bytes = new Uint8Array(4);
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || part > 3) return null;
      bytes[part++] = value;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return null;
      value = value * 10 + (c - 48);
      if (++digits > 3 || value > 255) return null;
    } else {
      return null;
    }
  }
  return part === 4 ? bytes : null;
}

function parseV6(text: string): Uint8Array | null {
  if (!/^[0-9A-Fa-f:.]{2,45}$/.test(text)) return null;
  let head = text;
  let v4Tail: Uint8Array | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.')) {
    v4Tail = parseV4(text.slice(lastColon + 1));
    if (!v4Tail) return null;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return null;
  const all = [...left, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    if (!/^[0-9A-Fa-f]{1,4}$/.test(all[i])) return null;
    const n = parseInt(all[i], 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  }
  if (v4Tail) bytes.set(v4Tail, 12);
  return bytes;
}

const V4_MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

export function parseIp(text: string): IpAddress | null {
  if (typeof text !== 'string' || text.length > 45) return null;
  const v4 = parseV4(text);
  if (v4) return { family: 4, bytes: v4 };
  const v6 = parseV6(text);
  if (!v6) return null;
  if (V4_MAPPED_PREFIX.every((byte, i) => v6[i] === byte)) return { family: 4, bytes: v6.slice(12) };
  return { family: 6, bytes: v6 };
}

/** `10.0.0.0/8`, `2001:db8::/32`, or a single address (a /32 or /128). Host bits must be zero. */
export function parseCidr(text: string): Cidr | null {
  if (typeof text !== 'string' || text.length > 49) return null;
  const [address, prefixText, extra] = text.split('/');
  if (extra !== undefined) return null;
  const ip = parseIp(address);
  if (!ip || (ip.family === 4 && address.includes(':'))) return null;
  const max = ip.family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^(0|[1-9]\d{0,2})$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  for (let bit = prefix; bit < max; bit++) if (ip.bytes[bit >> 3] & (0x80 >> (bit & 7))) return null;
  return { ...ip, prefix };
}

export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.family !== ip.family) return false;
  const whole = cidr.prefix >> 3;
  for (let i = 0; i < whole; i++) if (cidr.bytes[i] !== ip.bytes[i]) return false;
  const rest = cidr.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (cidr.bytes[whole] & mask) === (ip.bytes[whole] & mask);
}

const V4 = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}';
const H16 = '[0-9A-Fa-f]{1,4}';
const LS32 = `(?:${H16}:${H16}|${V4})`;
/** RFC 3986's IPv6address, as a regular expression (the grammar parseIp follows). */
const V6 = [
  `(?:${H16}:){6}${LS32}`,
  `::(?:${H16}:){5}${LS32}`,
  `(?:${H16})?::(?:${H16}:){4}${LS32}`,
  `(?:(?:${H16}:){0,1}${H16})?::(?:${H16}:){3}${LS32}`,
  `(?:(?:${H16}:){0,2}${H16})?::(?:${H16}:){2}${LS32}`,
  `(?:(?:${H16}:){0,3}${H16})?::${H16}:${LS32}`,
  `(?:(?:${H16}:){0,4}${H16})?::${LS32}`,
  `(?:(?:${H16}:){0,5}${H16})?::${H16}`,
  `(?:(?:${H16}:){0,6}${H16})?::`,
].join('|');

/** Exactly the addresses parseIp accepts, for schemas (OpenAPI): an IPv4 dotted quad or an IPv6 address. */
export const IP_ADDRESS_PATTERN = `^(?:${V4}|${V6})$`;
/** An address with an optional prefix length; parseCidr also wants the host bits zero, which no pattern says. */
export const CIDR_PATTERN = `^(?:${V4}(?:/(?:3[0-2]|[12]?[0-9]))?|(?:${V6})(?:/(?:12[0-8]|1[01][0-9]|[1-9]?[0-9]))?)$`;
