import { createHmac, randomBytes } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/**
 * A new signing secret: `whsec_` and 32 random bytes in base64, the form Standard Webhooks verifiers decode
 * (secrets made before were base64url; `standardKey` reads both).
 */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
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

/**
 * The Standard Webhooks headers (standardwebhooks.com): `webhook-signature` is `v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">` keyed with the secret's base64-decoded bytes, one space-separated entry per secret.
 */
export function standardWebhookHeaders(
  secrets: string[],
  messageId: string,
  unixSeconds: number,
  body: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const signed = `${messageId}.${unixSeconds}.${body}`;
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', standardKey(secret)).update(signed).digest('base64')}`,
  );
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(unixSeconds),
    'webhook-signature': signatures.join(' '),
  };
}

/** Node's base64 decoder takes both alphabets, so secrets made before (base64url) sign the same bytes. */
function standardKey(secret: string): Buffer {
  return Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    'base64',
  );
}
