import type { OpenAPIObject } from '@nestjs/swagger';
import { INTEGRATION_EVENT_TYPES } from './event-log/event-type';
import { eventSchemaName } from './openapi-events';

const header = (name: string, description: string, example?: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string', ...(example ? { example } : {}) },
});

/** What every delivery carries (src/integrations/webhooks/webhooks-consumer.ts sends them). */
const DELIVERY_HEADERS = [
  header('X-Webhook-Id', 'The delivery’s id: the same on every retry of it, so a receiver can drop repeats'),
  header('X-Webhook-Event', 'The event type'),
  header(
    'X-Webhook-Signature',
    '`t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`; one `v1` per secret during a rotation',
  ),
  header('webhook-id', 'Standard Webhooks: the same as X-Webhook-Id'),
  header('webhook-timestamp', 'Standard Webhooks: the unix seconds of this attempt', '1795000000'),
  header(
    'webhook-signature',
    'Standard Webhooks: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the bytes of the secret ' +
      'after `whsec_` (base64); space-separated, one per secret during a rotation',
  ),
];

/**
 * The webhook deliveries, one per event type a subscription may take: a POST of the event envelope with the
 * signature headers, under OpenAPI 3.1's `webhooks`.
 */
export function addWebhooks(document: OpenAPIObject): void {
  const webhooks = Object.fromEntries(
    INTEGRATION_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook_${type}`,
          summary: `The ${type} event, delivered`,
          description:
            'POSTed to each active subscription to this type (POST /webhooks), in seq order, retried with back-off ' +
            'until a 2xx. Verify a signature over the raw body before reading it.',
          parameters: DELIVERY_HEADERS,
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/${eventSchemaName(type)}` } },
            },
          },
          responses: {
            '2XX': { description: 'Delivered; anything else (or no answer in time) is retried' },
          },
        },
      },
    ]),
  );
  Object.assign(document, { webhooks });
}
