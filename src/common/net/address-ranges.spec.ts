import { addressRangeProblem, AddressRanges } from './address-ranges';

describe('AddressRanges', () => {
  const list = new AddressRanges(['203.0.113.7', '198.51.100.0/24', '2001:db8::/32', '::1']);

  it('allows listed addresses and addresses inside listed ranges, IPv4 and IPv6', () => {
    expect(list.includes('203.0.113.7')).toBe(true);
    expect(list.includes('198.51.100.200')).toBe(true);
    expect(list.includes('2001:db8:1::5')).toBe(true);
    expect(list.includes('::1')).toBe(true);
  });

  it('refuses everything else, and what is not an address', () => {
    expect(list.includes('203.0.113.8')).toBe(false);
    expect(list.includes('198.51.101.1')).toBe(false);
    expect(list.includes('2001:db9::1')).toBe(false);
    expect(list.includes('not-an-ip')).toBe(false);
    expect(list.includes(undefined)).toBe(false);
  });

  it('treats an IPv4 client on a dual-stack socket as the IPv4 address it is', () => {
    expect(list.includes('::ffff:198.51.100.9')).toBe(true);
    expect(list.includes('::ffff:10.0.0.1')).toBe(false);
  });

  it('names what is wrong with a bad entry', () => {
    expect(addressRangeProblem('10.0.0.0/8')).toBeNull();
    expect(addressRangeProblem('fe80::/10')).toBeNull();
    expect(addressRangeProblem('10.0.0.0/33')).toMatch(/prefix length/);
    expect(addressRangeProblem('2001:db8::/129')).toMatch(/prefix length/);
    expect(addressRangeProblem('10.0.0.0/8/1')).toMatch(/address or CIDR/);
    expect(addressRangeProblem('example.com')).toMatch(/address or CIDR/);
    expect(addressRangeProblem('10.0.0.0/x')).toMatch(/prefix length/);
    expect(addressRangeProblem('fe80::1%eth0')).toMatch(/zone id/);
    expect(addressRangeProblem('fe80::%1/64')).toMatch(/zone id/);
  });
});
