import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { nonPublicReason } from '../../common/net/special-purpose-addresses';

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
 * Every address the URL's host stands for, checked: refused (RefusedTarget) when any of them is not public, unless
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
  const refused = addresses.flatMap(({ address }) => {
    const reason = nonPublicReason(address);
    return reason ? [`${address} (${reason})`] : [];
  });
  if (!allowPrivate && refused.length > 0) {
    throw new RefusedTarget(
      `refused: ${url.hostname} resolves to ${refused.join(', ')}, ` +
        'a non-public address (WEBHOOK_ALLOW_PRIVATE is off)',
    );
  }
  return addresses;
}
