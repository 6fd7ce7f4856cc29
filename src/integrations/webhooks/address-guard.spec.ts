import { isBlockedAddress, RefusedTarget, resolveTarget } from './address-guard';

describe('isBlockedAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.255',
    '0.0.0.0',
    '224.0.0.251',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
  ])('blocks %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'lets %s through',
    (address) => {
      expect(isBlockedAddress(address)).toBe(false);
    },
  );
});

describe('resolveTarget', () => {
  it('refuses a name that resolves to loopback, naming the address', async () => {
    await expect(resolveTarget(new URL('http://localhost/hook'), false)).rejects.toThrow(RefusedTarget);
    await expect(resolveTarget(new URL('http://localhost/hook'), false)).rejects.toThrow(
      /^refused: localhost resolves to .*(127\.0\.0\.1|::1)/,
    );
  });

  it('answers the checked addresses, and allows private ones when told to', async () => {
    expect(await resolveTarget(new URL('http://[::1]:8080/'), true)).toEqual([{ address: '::1', family: 6 }]);
    expect(await resolveTarget(new URL('http://8.8.8.8/'), false)).toEqual([
      { address: '8.8.8.8', family: 4 },
    ]);
  });
});
