import { allowListEntryProblem, IpAllowList } from './ip-allow-list';

describe('IpAllowList', () => {
  const list = new IpAllowList(['203.0.113.7', '198.51.100.0/24', '2001:db8::/32', '::1']);

  it('allows listed addresses and addresses inside listed ranges, IPv4 and IPv6', () => {
    expect(list.allows('203.0.113.7')).toBe(true);
    expect(list.allows('198.51.100.200')).toBe(true);
    expect(list.allows('2001:db8:1::5')).toBe(true);
    expect(list.allows('::1')).toBe(true);
  });

  it('refuses everything else, and what is not an address', () => {
    expect(list.allows('203.0.113.8')).toBe(false);
    expect(list.allows('198.51.101.1')).toBe(false);
    expect(list.allows('2001:db9::1')).toBe(false);
    expect(list.allows('not-an-ip')).toBe(false);
    expect(list.allows(undefined)).toBe(false);
  });

  it('treats an IPv4 client on a dual-stack socket as the IPv4 address it is', () => {
    expect(list.allows('::ffff:198.51.100.9')).toBe(true);
    expect(list.allows('::ffff:10.0.0.1')).toBe(false);
  });

  it('names what is wrong with a bad entry', () => {
    expect(allowListEntryProblem('10.0.0.0/8')).toBeNull();
    expect(allowListEntryProblem('fe80::/10')).toBeNull();
    expect(allowListEntryProblem('10.0.0.0/33')).toMatch(/prefix length/);
    expect(allowListEntryProblem('2001:db8::/129')).toMatch(/prefix length/);
    expect(allowListEntryProblem('10.0.0.0/8/1')).toMatch(/address or CIDR/);
    expect(allowListEntryProblem('example.com')).toMatch(/address or CIDR/);
    expect(allowListEntryProblem('10.0.0.0/x')).toMatch(/prefix length/);
  });
});
