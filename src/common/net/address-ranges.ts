import { BlockList, isIP } from 'node:net';

/** An IPv4 client seen on a dual-stack socket: `::ffff:203.0.113.7`. */
const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** An address as compared and stored: an IPv4 client seen on a dual-stack socket as the IPv4 address it is. */
export function plainAddress(address: string): string {
  return IPV4_MAPPED.exec(address)?.[1] ?? address;
}

/** Why an entry is not an address or a CIDR range, or null when it is one. */
export function addressRangeProblem(entry: string): string | null {
  const [address, prefix, ...rest] = entry.split('/');
  // Node reads `fe80::1%eth0` as an address and drops the zone, so the entry would match on every interface.
  if (address.includes('%')) return 'must not carry a zone id (%eth0): it names an interface, not addresses';
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return 'must be an IPv4 or IPv6 address or CIDR range';
  if (prefix === undefined) return null;
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return `has a prefix length outside 0 to ${max}`;
  return null;
}

/**
 * A set of IPv4 and IPv6 addresses and CIDR ranges (entries that addressRangeProblem accepts), checked against an
 * address as Node reports it: an API key's allow-list, the proxies TRUST_PROXY names.
 */
export class AddressRanges {
  private readonly list = new BlockList();

  constructor(entries: string[]) {
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
  }

  includes(candidate: string | undefined): boolean {
    if (!candidate) return false;
    const address = plainAddress(candidate);
    const family = isIP(address);
    if (family === 0) return false;
    return this.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}
