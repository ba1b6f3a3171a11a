import { CIDR_PATTERN, cidrContains, IP_ADDRESS_PATTERN, parseCidr, parseIp } from './ip-address';

const inside = (cidr: string, ip: string) => cidrContains(parseCidr(cidr)!, parseIp(ip)!);

describe('IP addresses and CIDRs', () => {
  it('parses IPv4 and IPv6, and reads an IPv4-mapped IPv6 address as IPv4', () => {
    expect(parseIp('10.1.2.3')).toMatchObject({ family: 4 });
    expect(parseIp('2001:db8::1')).toMatchObject({ family: 6 });
    expect(parseIp('::ffff:10.1.2.3')).toEqual(parseIp('10.1.2.3'));
    expect(parseIp('::1')).toMatchObject({ family: 6 });
    for (const bad of ['10.1.2', '10.1.2.256', '01.1.2.3', '1::2::3', 'fe80::1%eth0', 'example.com', '', '1:2:3:4:5:6:7:8:9']) expect(parseIp(bad)).toBeNull();
  });

  it('parses CIDRs with host bits zero, and single addresses as /32 and /128', () => {
    expect(parseCidr('10.0.0.0/8')).toMatchObject({ family: 4, prefix: 8 });
    expect(parseCidr('2001:db8::/32')).toMatchObject({ family: 6, prefix: 32 });
    expect(parseCidr('203.0.113.7')).toMatchObject({ prefix: 32 });
    expect(parseCidr('::1')).toMatchObject({ prefix: 128 });
    for (const bad of ['10.0.0.1/8', '10.0.0.0/33', '2001:db8::/129', '10.0.0.0/08', '10.0.0.0/8/1', '::ffff:10.0.0.0/104']) expect(parseCidr(bad)).toBeNull();
  });

  it('matches addresses inside a block, of the same family only', () => {
    expect(inside('10.0.0.0/8', '10.255.1.2')).toBe(true);
    expect(inside('10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(inside('192.168.4.0/22', '192.168.7.255')).toBe(true);
    expect(inside('192.168.4.0/22', '192.168.8.0')).toBe(false);
    expect(inside('2001:db8::/32', '2001:db8:ffff::1')).toBe(true);
    expect(inside('2001:db8::/32', '2001:db9::1')).toBe(false);
    expect(inside('0.0.0.0/0', '8.8.8.8')).toBe(true);
    expect(inside('::/0', '10.0.0.1')).toBe(false);
    expect(inside('10.0.0.0/8', '::ffff:10.9.9.9')).toBe(true);
  });

  it('has schema patterns that accept exactly what the parsers accept', () => {
    const ip = new RegExp(IP_ADDRESS_PATTERN);
    const cidr = new RegExp(CIDR_PATTERN);
    const samples = ['10.1.2.3', '0.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '::', '::1', '1::', '2001:db8::1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:1.2.3.4', '::ffff:10.1.2.3', '1::2::3', ':1::', '1:2:3:4:5:6:7::', '::1:2:3:4:5:6:7', 'fe80::1%eth0', '12345::', 'g::1', '', ' 10.0.0.1', '1.2.3.4.5', '0000:0:0:0:0:0:0:1'];
    for (const sample of samples) expect([sample, ip.test(sample)]).toEqual([sample, parseIp(sample) !== null]);
    for (const sample of ['10.0.0.0/8', '10.0.0.0/33', '2001:db8::/32', '2001:db8::/129', '10.0.0.0/08', '::/0']) {
      expect([sample, cidr.test(sample)]).toEqual([sample, parseCidr(sample) !== null]);
    }
  });
});
