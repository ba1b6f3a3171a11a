import { cidrContains, parseCidr, parseIp, type Cidr, type Verdict } from '@pxxl/contracts';

const CLIENT_IP_REQUIRED: Verdict = { valid: false, code: 'CLIENT_IP_REQUIRED' };
const IP_NOT_ALLOWED: Verdict = { valid: false, code: 'IP_NOT_ALLOWED' };

/**
 * The IP step, pure: a key with an allow-list verifies only for a caller
 * address inside it. No address to check is a refusal, never a pass.
 * Parsed lists are kept by their text, so a warm check parses nothing but
 * the caller's address.
 */
export class IpCheck {
  private readonly parsed = new Map<string, Cidr[]>();

  check(allowedIps: readonly string[], clientIp: string | undefined): Verdict | null {
    if (clientIp === undefined || clientIp === '') return CLIENT_IP_REQUIRED;
    const ip = parseIp(clientIp);
    if (ip === null) return IP_NOT_ALLOWED;
    return this.cidrs(allowedIps).some((cidr) => cidrContains(cidr, ip)) ? null : IP_NOT_ALLOWED;
  }

  private cidrs(allowedIps: readonly string[]): Cidr[] {
    const text = allowedIps.join(',');
    let cidrs = this.parsed.get(text);
    if (!cidrs) {
      cidrs = allowedIps.map(parseCidr).filter((cidr): cidr is Cidr => cidr !== null);
      if (this.parsed.size >= 10_000) this.parsed.clear();
      this.parsed.set(text, cidrs);
    }
    return cidrs;
  }
}
