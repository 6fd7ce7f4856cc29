import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
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

/** `[2001:db8::1]:443`, `[2001:db8::1]`: an IPv6 address in brackets, with or without a port. */
const BRACKETED_IPV6 = /^\[([^\]]+)\](?::\d{1,5})?$/;
/** `203.0.113.7:1234`: an IPv4 address with a port, as some proxies forward it. */
const IPV4_WITH_PORT = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/;

/**
 * An X-Forwarded-For entry as an address, or null when it is none: a client that reaches the service without
 * passing the proxy may write anything there. Brackets and ports go; nothing else is taken.
 */
export function parsedAddress(entry: string): string | null {
  const text = entry.trim();
  if (isIP(text) !== 0) return text;
  const bracketed = BRACKETED_IPV6.exec(text)?.[1];
  if (bracketed !== undefined) return isIP(bracketed) === 6 ? bracketed : null;
  const withPort = IPV4_WITH_PORT.exec(text)?.[1];
  return withPort !== undefined && isIP(withPort) === 4 ? withPort : null;
}

/**
 * The client's address: from the socket's peer back through X-Forwarded-For, as long as the hop is trusted, as
 * Express's `request.ip` works it out, but only ever an address. An entry that is none ends the walk with undefined
 * (nobody trusted named the client). For HTTP (clientAddressMiddleware) and socket.io handshakes alike.
 */
export function clientAddress(request: IncomingMessage, trust: ProxyTrust): string | undefined {
  const peer = request.socket.remoteAddress;
  if (peer === undefined) return undefined;
  // Node joins repeated X-Forwarded-For headers into one; the array is only what its types allow.
  const header = request.headers['x-forwarded-for'] ?? '';
  const forwarded = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .filter((entry) => entry.trim() !== '')
    .reverse()
    .map(parsedAddress);
  const hops = [peer, ...forwarded];
  let hop = 0;
  while (hop < hops.length - 1 && trust(hops[hop]!, hop)) {
    hop++;
    if (hops[hop] === null) return undefined;
  }
  return hops[hop]!;
}

/**
 * Makes `request.ip`, which lock-outs, allow-lists, address blocks, rate limits and security events key on, the
 * client's parsed address: Express's own takes whatever X-Forwarded-For says ("garbage", "127.0.0.2:1234").
 */
export function clientAddressMiddleware(trust: ProxyTrust) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    Object.defineProperty(request, 'ip', {
      value: clientAddress(request, trust),
      configurable: true,
      enumerable: true,
    });
    next();
  };
}
