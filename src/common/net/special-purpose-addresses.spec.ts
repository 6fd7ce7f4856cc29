import { nonPublicReason } from './special-purpose-addresses';

describe('nonPublicReason', () => {
  it.each([
    ['0.0.0.0', '"this network"'],
    ['0.255.255.255', '"this network"'],
    ['10.0.0.1', 'private-use'],
    ['10.255.255.255', 'private-use'],
    ['100.64.0.1', 'carrier-grade NAT shared space'],
    ['100.127.255.255', 'carrier-grade NAT shared space'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private-use'],
    ['172.31.255.255', 'private-use'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.1', 'TEST-NET-1 documentation'],
    ['192.0.2.255', 'TEST-NET-1 documentation'],
    ['192.88.99.1', 'deprecated 6to4 relay anycast'],
    ['192.168.0.1', 'private-use'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'TEST-NET-2 documentation'],
    ['203.0.113.7', 'TEST-NET-3 documentation'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
  ])('refuses the IPv4 address %s: %s', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['64:ff9b:1::1', 'local-use IPv4/IPv6 translation'],
    ['100::1', 'discard-only'],
    ['100:0:0:1::1', 'dummy prefix'],
    ['2001::1', 'IETF protocol assignments'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'IETF protocol assignments'],
    ['2001:1ff:ffff::1', 'IETF protocol assignments'],
    ['2001:db8::1', 'documentation'],
    ['2001:db8:ffff:ffff::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['5f00::1', 'SRv6 segment identifiers'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'deprecated site-local'],
    ['feff::1', 'deprecated site-local'],
    ['ff02::1', 'multicast'],
    ['1::1', 'reserved by the IETF'],
    ['4000::1', 'reserved by the IETF'],
    ['64:ff9b:2::1', 'reserved by the IETF'],
    ['e000::1', 'reserved by the IETF'],
  ])('refuses the IPv6 address %s: %s', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  it.each([
    ['::ffff:127.0.0.1', 'IPv4-mapped, leading to 127.0.0.1: loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped, leading to 127.0.0.1: loopback'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped, leading to 169.254.169.254: link-local'],
    ['::ffff:0:127.0.0.1', 'IPv4-translated, leading to 127.0.0.1: loopback'],
    ['::ffff:0:a00:1', 'IPv4-translated, leading to 10.0.0.1: private-use'],
    ['::127.0.0.1', 'IPv4-compatible, leading to 127.0.0.1: loopback'],
    ['::7f00:1', 'IPv4-compatible, leading to 127.0.0.1: loopback'],
    ['::c0a8:1', 'IPv4-compatible, leading to 192.168.0.1: private-use'],
    ['64:ff9b::127.0.0.1', 'NAT64, leading to 127.0.0.1: loopback'],
    ['64:ff9b::c000:201', 'NAT64, leading to 192.0.2.1: TEST-NET-1 documentation'],
    ['2002:7f00:1::1', '6to4, leading to 127.0.0.1: loopback'],
    ['2002:a9fe:a9fe:1234::1', '6to4, leading to 169.254.169.254: link-local'],
    ['2002:cb00:7107::', '6to4, leading to 203.0.113.7: TEST-NET-3 documentation'],
  ])('refuses %s, which embeds a non-public IPv4 address', (address, reason) => {
    expect(nonPublicReason(address)).toBe(reason);
  });

  it('lets an embedding through when what it leads to is public', () => {
    expect(nonPublicReason('::808:808')).toBeNull();
    expect(nonPublicReason('::ffff:8.8.8.8')).toBeNull();
    expect(nonPublicReason('::ffff:0:8.8.8.8')).toBeNull();
    expect(nonPublicReason('64:ff9b::8.8.8.8')).toBeNull();
    expect(nonPublicReason('2002:808:808::1')).toBeNull();
  });

  it.each([
    '8.8.8.8',
    '93.184.216.34',
    '1.1.1.1',
    '9.255.255.255',
    '11.0.0.0',
    '100.63.255.255',
    '100.128.0.1',
    '126.255.255.255',
    '128.0.0.0',
    '169.253.255.255',
    '172.15.255.255',
    '172.32.0.1',
    '192.0.1.255',
    '192.0.3.0',
    '192.167.255.255',
    '192.169.0.0',
    '198.17.255.255',
    '198.20.0.0',
    '198.51.99.255',
    '198.51.101.0',
    '203.0.112.255',
    '203.0.114.0',
    '223.255.255.255',
    '2606:4700::1111',
    '2a00:1450:4001::200e',
    '2001:200::1',
    '2001:db7:ffff::1',
    '2001:db9::1',
    '2003::1',
    '3ffe:ffff::1',
    '3fff:1000::1',
  ])('lets the public address %s through', (address) => {
    expect(nonPublicReason(address)).toBeNull();
  });

  it.each(['example.com', '', '1.2.3', 'fe80::1%eth0', '::ffff:127.0.0.1%0', '127.0.0.1/8'])(
    'refuses %j, which is no address',
    (text) => {
      expect(nonPublicReason(text)).toBe('not an IP address');
    },
  );
});
