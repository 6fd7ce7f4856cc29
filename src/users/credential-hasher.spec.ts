import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { CredentialHasher } from './credential-hasher';

const hasherAt = (credentialHashCost: AppConfig['credentialHashCost'], pinPepper = 'pepper') =>
  new CredentialHasher({ pinPepper, credentialHashCost, encryptionKey: randomBytes(32) } as AppConfig);

describe('CredentialHasher', () => {
  const standard = hasherAt('standard');
  const test = hasherAt('test');

  it('hashes with the standard cost unless told the test one, and names the cost in the hash', async () => {
    expect(await standard.hashPassword('correct horse')).toMatch(/^scrypt\$16384\$8\$5\$/);
    expect(await test.hashPassword('correct horse')).toMatch(/^scrypt\$1024\$8\$1\$/);
  });

  it('verifies a hash by the cost it names, so either hasher verifies the other', async () => {
    const byStandard = await standard.hashPassword('correct horse');
    const byTest = await test.hashPassword('correct horse');
    await expect(test.verifyPassword('correct horse', byStandard)).resolves.toBe(true);
    await expect(standard.verifyPassword('correct horse', byTest)).resolves.toBe(true);
    await expect(standard.verifyPassword('wrong horse', byStandard)).resolves.toBe(false);
  });

  it('mixes the pepper into PINs: the same PIN under another pepper does not verify', async () => {
    const hash = await test.hashPin('1234');
    await expect(test.verifyPin('1234', hash)).resolves.toBe(true);
    await expect(test.verifyPin('1235', hash)).resolves.toBe(false);
    await expect(hasherAt('test', randomBytes(8).toString('hex')).verifyPin('1234', hash)).resolves.toBe(
      false,
    );
  });

  it('checks a verifier from headquarters at a site that holds the chain’s key, sealed under its own', async () => {
    const headquarters = hasherAt('test');
    const verifier = await headquarters.hashSharedPin('4821');
    expect(verifier).toMatch(/^scrypt-shared\$1024\$8\$1\$/);
    await expect(headquarters.verifyPin('4821', verifier)).resolves.toBe(true);
    const site = hasherAt('test', randomBytes(8).toString('hex'));
    const kept = site.siteSharedPin(verifier, headquarters.chainPinKey());
    expect(site.isSharedPin(kept, verifier)).toBe(true);
    await expect(site.verifyPin('4821', kept)).resolves.toBe(true);
    await expect(site.verifyPin('4822', kept)).resolves.toBe(false);
    // Without the chain's key, or with the site's key sealed under another ENCRYPTION_KEY, nothing verifies.
    await expect(site.verifyPin('4821', verifier)).resolves.toBe(false);
    await expect(hasherAt('test').verifyPin('4821', kept)).resolves.toBe(false);
    await expect(site.verifyPassword('4821', verifier)).resolves.toBe(false);
  });

  it('answers false for an unknown user, after the same work as a wrong secret', async () => {
    await expect(test.verifyPassword('anything', null)).resolves.toBe(false);
    await expect(test.verifyPin('1234', 'not a hash')).resolves.toBe(false);
  });
});
