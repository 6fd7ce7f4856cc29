import type { IncomingMessage } from 'node:http';
import { clientAddress, parsedAddress, proxyTrust } from './client-address';

const request = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('trusting nothing, is the socket peer whatever X-Forwarded-For says', () => {
    const trust = proxyTrust({ hops: 0 });
    expect(clientAddress(request('127.0.0.1', '203.0.113.7'), trust)).toBe('127.0.0.1');
    expect(clientAddress(request('127.0.0.1'), trust)).toBe('127.0.0.1');
  });

  it('with a hop count, takes the entry that many hops back, and no further', () => {
    const chain = request('10.0.0.2', '198.51.100.9, 203.0.113.7, 10.0.0.1');
    expect(clientAddress(chain, proxyTrust({ hops: 1 }))).toBe('10.0.0.1');
    expect(clientAddress(chain, proxyTrust({ hops: 2 }))).toBe('203.0.113.7');
    expect(clientAddress(chain, proxyTrust({ hops: 9 }))).toBe('198.51.100.9');
    expect(clientAddress(request('10.0.0.2'), proxyTrust({ hops: 1 }))).toBe('10.0.0.2');
  });

  it('with ranges, walks back while the hop is a trusted proxy: a client cannot put itself in front', () => {
    const trust = proxyTrust({ ranges: ['127.0.0.0/8', '10.0.0.0/8', '2001:db8::/32'] });
    expect(clientAddress(request('::ffff:127.0.0.1', '203.0.113.7, 10.1.2.3'), trust)).toBe('203.0.113.7');
    expect(clientAddress(request('127.0.0.1', '10.0.0.9,198.51.100.4'), trust)).toBe('198.51.100.4');
    expect(clientAddress(request('2001:db8::5', '2001:db9::1'), trust)).toBe('2001:db9::1');
    expect(clientAddress(request('198.51.100.4', '203.0.113.7'), trust)).toBe('198.51.100.4');
  });

  it('is never what a client wrote that is no address: undefined, with the port and brackets of one gone', () => {
    const trust = proxyTrust({ ranges: ['127.0.0.0/8', '10.0.0.0/8'] });
    expect(clientAddress(request('127.0.0.1', 'garbage, 10.0.0.1'), trust)).toBeUndefined();
    expect(clientAddress(request('127.0.0.1', '203.0.113.7:1234'), trust)).toBe('203.0.113.7');
    expect(clientAddress(request('127.0.0.1', '[2001:db8::7]:443'), trust)).toBe('2001:db8::7');
    // A proxy that forwards with a port is still recognised as the trusted hop it is.
    expect(clientAddress(request('127.0.0.1', '198.51.100.4, 10.0.0.1:80'), trust)).toBe('198.51.100.4');
    expect(clientAddress(request('127.0.0.1', 'garbage'), proxyTrust({ hops: 1 }))).toBeUndefined();
    expect(clientAddress(request('127.0.0.1', 'garbage'), proxyTrust({ hops: 0 }))).toBe('127.0.0.1');
  });
});

describe('parsedAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['203.0.113.7:1234', '203.0.113.7'],
    ['2001:db8::1', '2001:db8::1'],
    ['::ffff:203.0.113.7', '::ffff:203.0.113.7'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
  ])('takes %j as %j', (entry, address) => expect(parsedAddress(entry)).toBe(address));

  it.each([
    'garbage',
    '',
    'unknown',
    '203.0.113.256',
    '203.0.113.7:port',
    '203.0.113.7:1234:5',
    '[203.0.113.7]',
    '[garbage]:443',
    '2001:db8::1:443x',
    '<script>',
  ])('takes %j as no address', (entry) => expect(parsedAddress(entry)).toBeNull());
});
