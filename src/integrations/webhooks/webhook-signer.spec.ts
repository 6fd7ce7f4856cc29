import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, signatureHeader, standardWebhookHeaders } from './webhook-signer';

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

  it('makes secrets of whsec_ and 32 random bytes in base64', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});

describe('standardWebhookHeaders', () => {
  const body = '{"seq":7,"type":"order.created","occurredAt":"2026-11-22T18:03:11.123Z","data":{"é":"ü"}}';
  const at = new Date('2026-11-22T18:03:11Z');
  const unixSeconds = at.getTime() / 1000;

  it('signs id.timestamp.body as the standardwebhooks package does, one entry per secret', () => {
    const [fresh, old] = [newWebhookSecret(), newWebhookSecret()];
    const headers = standardWebhookHeaders([fresh, old], 'delivery-1', unixSeconds, body);
    expect(headers['webhook-id']).toBe('delivery-1');
    expect(headers['webhook-timestamp']).toBe(String(unixSeconds));
    expect(headers['webhook-signature'].split(' ')).toEqual([
      new Webhook(fresh).sign('delivery-1', at, body),
      new Webhook(old).sign('delivery-1', at, body),
    ]);
  });

  it('keys a secret made before in base64url with the same bytes as its base64 spelling', () => {
    const bytes = Buffer.from('fb'.repeat(32), 'hex');
    const earlier = `whsec_${bytes.toString('base64url')}`;
    const signature = standardWebhookHeaders([earlier], 'd', unixSeconds, body)['webhook-signature'];
    expect(earlier).toMatch(/[-_]/);
    expect(signature).toBe(new Webhook(`whsec_${bytes.toString('base64')}`).sign('d', at, body));
  });
});
