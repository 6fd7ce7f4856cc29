import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: `whsec_` and 32 random bytes in base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The X-Webhook-Signature value: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>`, with one `v1`
 * per secret given (the new one first, then, during a rotation's grace period, the old one), like Stripe's.
 */
export function signatureHeader(secrets: string[], unixSeconds: number, body: string): string {
  const signed = `${unixSeconds}.${body}`;
  const signatures = secrets.map(
    (secret) => `v1=${createHmac('sha256', secret).update(signed).digest('hex')}`,
  );
  return [`t=${unixSeconds}`, ...signatures].join(',');
}
