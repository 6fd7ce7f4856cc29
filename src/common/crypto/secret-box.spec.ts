import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, under the same context', () => {
    const sealed = box.seal('whsec_abc', 'row-1');
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]{22}\.[\w-]+$/);
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed, 'row-1')).toBe('whsec_abc');
  });

  it('uses a fresh IV for every value', () => {
    const ivs = new Set(Array.from({ length: 50 }, () => box.seal('same', 'row').split('.')[1]));
    expect(ivs.size).toBe(50);
  });

  it('refuses another context, another key, and any altered part', () => {
    const sealed = box.seal('whsec_abc', 'row-1');
    expect(() => box.open(sealed, 'row-2')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'row-1')).toThrow();
    const parts = sealed.split('.');
    for (const index of [1, 2, 3]) {
      const bytes = Buffer.from(parts[index], 'base64url');
      bytes[0] ^= 1;
      const altered = parts.map((part, i) => (i === index ? bytes.toString('base64url') : part)).join('.');
      expect(() => box.open(altered, 'row-1')).toThrow();
    }
    expect(() => box.open('v2.a.b.c', 'row-1')).toThrow('Not a sealed secret');
    expect(() => box.open(`${parts[0]}.${parts[1]}.${parts[2].slice(0, 10)}.${parts[3]}`, 'row-1')).toThrow();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow('32-byte key');
  });
});
