import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may not point (unless WEBHOOK_ALLOW_PRIVATE): this host, private and carrier-grade NAT networks,
 * link-local (cloud metadata lives there), unique-local, unspecified, multicast and reserved addresses.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/** True for an address a webhook may not reach; an IPv4-mapped IPv6 address is judged as its IPv4 address. */
export function isBlockedAddress(address: string): boolean {
  const mapped = IPV4_MAPPED.exec(address)?.[1];
  if (mapped) return BLOCKED.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  // ::ffff:7f00:1 is ::ffff:127.0.0.1 written in hex.
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (hexMapped) {
    const [high, low] = [parseInt(hexMapped[1], 16), parseInt(hexMapped[2], 16)];
    return BLOCKED.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4');
  }
  return BLOCKED.check(address, 'ipv6');
}

/** A URL's host as an IP literal (without IPv6 brackets), or null when it is a name. */
export function literalAddressOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : null;
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export class RefusedTarget extends Error {}

/**
 * Every address the URL's host stands for, checked: refused (RefusedTarget) when any of them is blocked, unless
 * private targets are allowed. The connection must then go to these very addresses, so that DNS cannot answer
 * differently between the check and the connect.
 */
export async function resolveTarget(url: URL, allowPrivate: boolean): Promise<ResolvedAddress[]> {
  const literal = literalAddressOf(url);
  const addresses: ResolvedAddress[] = literal
    ? [{ address: literal, family: isIP(literal) as 4 | 6 }]
    : (await lookup(url.hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
        address,
        family: family as 4 | 6,
      }));
  if (addresses.length === 0) throw new RefusedTarget(`${url.hostname} resolves to no address`);
  const blocked = addresses.filter(({ address }) => isBlockedAddress(address));
  if (!allowPrivate && blocked.length > 0) {
    throw new RefusedTarget(
      `refused: ${url.hostname} resolves to ${blocked.map(({ address }) => address).join(', ')}, ` +
        'a private, loopback, link-local or otherwise non-public address (WEBHOOK_ALLOW_PRIVATE is off)',
    );
  }
  return addresses;
}
