import { cidrContains, parseCidr, parseIp, type Cidr, type IpAddress, type Verdict } from '@pxxl/contracts';

const CLIENT_IP_REQUIRED: Verdict = { valid: false, code: 'CLIENT_IP_REQUIRED' };
const IP_NOT_ALLOWED: Verdict = { valid: false, code: 'IP_NOT_ALLOWED' };

/**
 * The IP step, pure: a key with an allow-list verifies only for a caller
 * address inside it. No address to check is a refusal, never a pass.
 * A list is parsed once per list object (a cached verdict keeps its own), so
 * a warm check parses nothing but the caller's address.
 */
export class IpCheck {
  private readonly parsed = new WeakMap<readonly string[], Cidr[]>();
  /** Callers' addresses recently seen, parsed: the same few callers ask again and again. */
  private readonly callers = new Map<string, IpAddress | null>();

  check(allowedIps: readonly string[], clientIp: string | undefined): Verdict | null {
    if (clientIp === undefined || clientIp === '') return CLIENT_IP_REQUIRED;
    let ip = this.callers.get(clientIp);
    if (ip === undefined) {
      ip = parseIp(clientIp);
      if (this.callers.size >= 1024) this.callers.clear();
      this.callers.set(clientIp, ip);
    }
    if (ip === null) return IP_NOT_ALLOWED;
    for (const cidr of this.cidrs(allowedIps)) if (cidrContains(cidr, ip)) return null;
    return IP_NOT_ALLOWED;
  }

  private cidrs(allowedIps: readonly string[]): Cidr[] {
    let cidrs = this.parsed.get(allowedIps);
    if (!cidrs) {
      cidrs = allowedIps.map(parseCidr).filter((cidr): cidr is Cidr => cidr !== null);
      this.parsed.set(allowedIps, cidrs);
    }
    return cidrs;
  }
}
