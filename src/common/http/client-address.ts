import type { IncomingMessage } from 'node:http';
import { AddressRanges } from '../net/address-ranges';

/**
 * Which proxies in front may name the client in X-Forwarded-For: the nearest `hops` (0: none, the socket's peer is
 * the client), or any hop whose address is in `ranges` (addresses and CIDRs).
 */
export type TrustProxy = { hops: number } | { ranges: string[] };

/**
 * Whether a hop may name the one before it: `hop` 0 is the socket's peer, 1 the last X-Forwarded-For entry, and so
 * on. The signature of Express's compiled `trust proxy`, so Express takes it as it is.
 */
export type ProxyTrust = (address: string, hop: number) => boolean;

/** TRUST_PROXY as one predicate, given to Express and used for socket.io handshakes, so both see one client. */
export function proxyTrust(setting: TrustProxy): ProxyTrust {
  if ('hops' in setting) {
    const { hops } = setting;
    return (_address, hop) => hop < hops;
  }
  const trusted = new AddressRanges(setting.ranges);
  return (address) => trusted.includes(address);
}

/**
 * The client's address as Express's `request.ip` works it out, for requests that do not pass through Express
 * (socket.io handshakes): from the socket's peer back through X-Forwarded-For, as long as the hop is trusted.
 */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string | undefined {
  const peer = request.socket.remoteAddress;
  if (peer === undefined) return undefined;
  // Node joins repeated X-Forwarded-For headers into one; the array is only what its types allow.
  const header = request.headers['x-forwarded-for'] ?? '';
  const forwarded = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .reverse();
  const hops = [peer, ...forwarded];
  let hop = 0;
  while (hop < hops.length - 1 && trust(hops[hop], hop)) hop++;
  return hops[hop];
}
