import { createHmac } from 'node:crypto';
import { newWebhookSecret, signatureHeader } from './webhook-signer';

describe('signatureHeader', () => {
  const body = '{"seq":7,"type":"order.created","occurredAt":"2026-11-22T18:03:11.123Z","data":{"é":"ü"}}';

  it('is t and the hex HMAC-SHA256 of "t.body" under the secret', () => {
    const expected = createHmac('sha256', 'whsec_a').update(`1795000000.${body}`).digest('hex');
    expect(signatureHeader(['whsec_a'], 1795000000, body)).toBe(`t=1795000000,v1=${expected}`);
  });

  it('carries one v1 per secret, the new one first', () => {
    const header = signatureHeader(['whsec_new', 'whsec_old'], 1, body);
    const [, first, second] = header.split(',');
    expect(first).toBe(`v1=${createHmac('sha256', 'whsec_new').update(`1.${body}`).digest('hex')}`);
    expect(second).toBe(`v1=${createHmac('sha256', 'whsec_old').update(`1.${body}`).digest('hex')}`);
  });

  it('makes secrets of whsec_ and 32 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(Buffer.from(secret.slice(6), 'base64url')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
