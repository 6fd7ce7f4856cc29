import { DomainError } from '../common/errors/domain-error';
import { CidrBlock, cidr, isWithin, parseBlock } from '../common/net/ip-address';
import { plainAddress } from '../common/net/address-ranges';

/** The widest ranges an admin may block: a wider one is a mistake (0.0.0.0/0 blocks everyone, the admin too). */
const SHORTEST_PREFIX = { 4: 8, 6: 16 } as const;

/**
 * IPv6 blocks that stand for IPv4 addresses: an IPv4 client on a dual-stack socket is `::ffff:a.b.c.d`, which
 * Node's BlockList also matches against IPv6 ranges, and `::a.b.c.d` is the older IPv4-compatible form.
 */
const IPV4_IN_IPV6: CidrBlock[] = [cidr('::ffff:0:0', 96), cidr('::', 96)];

/** How wide a range is, on the addresses it matches: its family and prefix length. */
export interface RangeWidth {
  family: 4 | 6;
  prefix: number;
}

/**
 * The width of a range (one addressRangeProblem accepts) on what it matches: an IPv6 range inside the mapped or
 * compatible /96 is the IPv4 range it stands for (`::ffff:0:0/96` is every IPv4 address), and one that holds such
 * a /96 (`::/16`) holds every IPv4 address, an IPv4 /0.
 */
export function rangeWidth(range: string): RangeWidth {
  const block = parseBlock(range)!;
  if (block.family === 4) return { family: 4, prefix: block.prefix };
  if (IPV4_IN_IPV6.some((ipv4) => isWithin(block, ipv4))) return { family: 4, prefix: block.prefix - 96 };
  if (IPV4_IN_IPV6.some((ipv4) => isWithin(ipv4, block))) return { family: 4, prefix: 0 };
  return { family: 6, prefix: block.prefix };
}

/**
 * The range as kept: an IPv4-mapped IPv6 address as the IPv4 one (Node compares them as such), IPv6 in lower case.
 * A range wider than SHORTEST_PREFIX, measured by rangeWidth, is refused.
 */
export function normalRange(input: string): string {
  const width = rangeWidth(input);
  if (width.prefix < SHORTEST_PREFIX[width.family]) {
    throw DomainError.invalidField(
      'range',
      `is too wide: it matches as many addresses as an IPv${width.family} /${width.prefix}, and a range may ` +
        `match at most an IPv4 /${SHORTEST_PREFIX[4]} or an IPv6 /${SHORTEST_PREFIX[6]}`,
    );
  }
  const [address, prefix] = input.split('/');
  const plain = (prefix === undefined ? plainAddress(address) : address).toLowerCase();
  return prefix === undefined ? plain : `${plain}/${prefix}`;
}
