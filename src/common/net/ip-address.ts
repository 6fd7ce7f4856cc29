import { isIP } from 'node:net';

/** An address as a number: IPv4 in 32 bits, IPv6 in 128. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

/** A CIDR block: its first address and how many leading bits every address of it shares. */
export interface CidrBlock extends IpAddress {
  prefix: number;
}

export const BITS = { 4: 32, 6: 128 } as const;

/**
 * An IPv4 or IPv6 address as Node's isIP reads it (`::ffff:1.2.3.4` too), or null. A zone id (`fe80::1%eth0`) is
 * not an address: it names an interface of one host, and means nothing to a list of addresses or to a target.
 */
export function parseIp(text: string): IpAddress | null {
  if (text.includes('%')) return null;
  const family = isIP(text);
  if (family === 4) return { family: 4, value: ipv4Value(text) };
  if (family === 6) return { family: 6, value: ipv6Value(text) };
  return null;
}

/** `network/prefix` (or one address, as a block of one) with a valid prefix, or null. */
export function parseBlock(text: string): CidrBlock | null {
  const [address, prefix, ...rest] = text.split('/');
  const parsed = parseIp(address);
  if (!parsed || rest.length > 0) return null;
  if (prefix === undefined) return { ...parsed, prefix: BITS[parsed.family] };
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > BITS[parsed.family]) return null;
  return { ...parsed, prefix: Number(prefix) };
}

/** A block written as in the registries: `cidr('fc00::', 7)`. */
export function cidr(network: string, prefix: number): CidrBlock {
  const parsed = parseIp(network);
  if (!parsed) throw new Error(`${network} is not an address`);
  return { ...parsed, prefix };
}

/** True when `address` (or every address of a block given as one) lies in `outer`. */
export function isWithin(address: IpAddress & { prefix?: number }, outer: CidrBlock): boolean {
  if (address.family !== outer.family) return false;
  if ((address.prefix ?? BITS[address.family]) < outer.prefix) return false;
  const hostBits = BigInt(BITS[outer.family] - outer.prefix);
  return address.value >> hostBits === outer.value >> hostBits;
}

/** The IPv4 address held in 32 bits of an IPv6 address, from bit `from` (0 is the leftmost). */
export function ipv4At(address: IpAddress, from: number): IpAddress {
  return { family: 4, value: (address.value >> BigInt(128 - from - 32)) & 0xffff_ffffn };
}

/** An IPv4 address, dotted. */
export function formatIpv4(address: IpAddress): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((address.value >> shift) & 255n)).join('.');
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

/** The 128 bits of an address isIP accepts: `::` stands for the missing zero words, a dotted tail for two. */
function ipv6Value(text: string): bigint {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  let hex = text;
  if (dotted) {
    const ipv4 = ipv4Value(dotted);
    hex = `${text.slice(0, -dotted.length)}${(ipv4 >> 16n).toString(16)}:${(ipv4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = hex.split('::');
  const words = (part: string | undefined) => (part ? part.split(':') : []);
  const zeros = tail === undefined ? 0 : 8 - words(head).length - words(tail).length;
  return [...words(head), ...Array<string>(zeros).fill('0'), ...words(tail)].reduce(
    (value, word) => (value << 16n) | BigInt(parseInt(word, 16)),
    0n,
  );
}
