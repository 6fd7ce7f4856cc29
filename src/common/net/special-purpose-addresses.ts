import { CidrBlock, cidr, formatIpv4, IpAddress, ipv4At, isWithin, parseIp } from './ip-address';

interface Entry {
  block: CidrBlock;
  name: string;
}

const entry = (network: string, prefix: number, name: string): Entry => ({
  block: cidr(network, prefix),
  name,
});

/**
 * The IANA IPv4 Special-Purpose Address Registry, its entries that are not globally reachable (192.0.0.0/24 whole:
 * its two anycast services are no webhook receiver), with multicast and the reserved 240.0.0.0/4 (the limited
 * broadcast included).
 */
const IPV4: Entry[] = [
  entry('0.0.0.0', 8, '"this network"'),
  entry('10.0.0.0', 8, 'private-use'),
  entry('100.64.0.0', 10, 'carrier-grade NAT shared space'),
  entry('127.0.0.0', 8, 'loopback'),
  entry('169.254.0.0', 16, 'link-local'),
  entry('172.16.0.0', 12, 'private-use'),
  entry('192.0.0.0', 24, 'IETF protocol assignments'),
  entry('192.0.2.0', 24, 'TEST-NET-1 documentation'),
  entry('192.88.99.0', 24, 'deprecated 6to4 relay anycast'),
  entry('192.168.0.0', 16, 'private-use'),
  entry('198.18.0.0', 15, 'benchmarking'),
  entry('198.51.100.0', 24, 'TEST-NET-2 documentation'),
  entry('203.0.113.0', 24, 'TEST-NET-3 documentation'),
  entry('224.0.0.0', 4, 'multicast'),
  entry('240.0.0.0', 4, 'reserved'),
];

/**
 * The IANA IPv6 Special-Purpose Address Registry, its entries that are not globally reachable (2001::/23 whole:
 * Teredo is in it, and what it embeds no longer matters), with site-local, unique-local, link-local and multicast.
 */
const IPV6: Entry[] = [
  entry('::', 128, 'unspecified'),
  entry('::1', 128, 'loopback'),
  entry('64:ff9b:1::', 48, 'local-use IPv4/IPv6 translation'),
  entry('100::', 64, 'discard-only'),
  entry('100:0:0:1::', 64, 'dummy prefix'),
  entry('2001::', 23, 'IETF protocol assignments'),
  entry('2001:db8::', 32, 'documentation'),
  entry('3fff::', 20, 'documentation'),
  entry('5f00::', 16, 'SRv6 segment identifiers'),
  entry('fc00::', 7, 'unique-local'),
  entry('fe80::', 10, 'link-local'),
  entry('fec0::', 10, 'deprecated site-local'),
  entry('ff00::', 8, 'multicast'),
];

/** IPv6 blocks whose addresses carry an IPv4 address (at bit `at`), which is where they lead. */
const EMBEDDING: Array<Entry & { at: number }> = [
  { ...entry('::ffff:0:0', 96, 'IPv4-mapped'), at: 96 },
  { ...entry('::ffff:0:0:0', 96, 'IPv4-translated'), at: 96 },
  { ...entry('::', 96, 'IPv4-compatible'), at: 96 },
  { ...entry('64:ff9b::', 96, 'NAT64'), at: 96 },
  { ...entry('2002::', 16, '6to4'), at: 16 },
];

/** Global unicast: every IPv6 address outside it is reserved by the IETF or special already. */
const GLOBAL_UNICAST = cidr('2000::', 3);

/**
 * Why an address is not a public one (the registry entry it falls in, or the IPv4 address it embeds and that
 * one's entry), or null for a public address. What is not an address at all is not a public one either.
 */
export function nonPublicReason(text: string): string | null {
  const address = parseIp(text);
  if (!address) return 'not an IP address';
  if (address.family === 4) return ipv4Reason(address);
  const special = IPV6.find(({ block }) => isWithin(address, block));
  if (special) return special.name;
  const embedding = EMBEDDING.find(({ block }) => isWithin(address, block));
  if (embedding) {
    const ipv4 = ipv4At(address, embedding.at);
    const reason = ipv4Reason(ipv4);
    return reason && `${embedding.name}, leading to ${formatIpv4(ipv4)}: ${reason}`;
  }
  return isWithin(address, GLOBAL_UNICAST) ? null : 'reserved by the IETF';
}

function ipv4Reason(address: IpAddress): string | null {
  return IPV4.find(({ block }) => isWithin(address, block))?.name ?? null;
}
