import { RefusedTarget, resolveTarget } from './address-guard';

describe('resolveTarget', () => {
  it('refuses a name that resolves to loopback, naming the address', async () => {
    await expect(resolveTarget(new URL('http://localhost/hook'), false)).rejects.toThrow(RefusedTarget);
    await expect(resolveTarget(new URL('http://localhost/hook'), false)).rejects.toThrow(
      /^refused: localhost resolves to .*(127\.0\.0\.1|::1)/,
    );
  });

  it('refuses a literal that leads to a private network in disguise, naming where it leads', async () => {
    for (const [target, leadsTo] of [
      ['http://[::127.0.0.1]/', '127.0.0.1'],
      ['http://[64:ff9b::10.0.0.1]/', '10.0.0.1'],
      ['http://[2002:7f00:1::1]/', '127.0.0.1'],
    ]) {
      await expect(resolveTarget(new URL(target), false)).rejects.toThrow(`leading to ${leadsTo}`);
    }
    await expect(resolveTarget(new URL('http://192.0.2.1/'), false)).rejects.toThrow(
      'refused: 192.0.2.1 resolves to 192.0.2.1 (TEST-NET-1 documentation), a non-public address',
    );
  });

  it('answers the checked addresses, and allows private ones when told to', async () => {
    expect(await resolveTarget(new URL('http://[::1]:8080/'), true)).toEqual([{ address: '::1', family: 6 }]);
    expect(await resolveTarget(new URL('http://8.8.8.8/'), false)).toEqual([
      { address: '8.8.8.8', family: 4 },
    ]);
  });
});
