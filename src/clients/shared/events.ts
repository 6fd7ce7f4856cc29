import type { EventType } from '../../event-log/event-type';
import type { Schemas } from './api';

/** What every socket.io event carries: `{seq, type, occurredAt, data}`. */
export interface Envelope<T> {
  seq: number;
  type: string;
  occurredAt: string;
  data: T;
}

/**
 * What each event's `data` is, by event type, as docs/events.md catalogues it: the API's own schema of each
 * type's envelope (`EventEnvelope` is their `oneOf`, told apart by `type`), so a renamed field breaks the clients'
 * build rather than the kitchen.
 */
export type EventData = { [E in Schemas['EventEnvelope'] as E['type']]: E['data'] };

/** The events whose data is the order as `GET /orders/{id}` answers it (with a few fields of their own). */
export const ORDER_EVENTS = [
  'order.created',
  'order.updated',
  'order.status_changed',
  'order.item_status_changed',
  'order.delayed',
  'order.fired',
] as const satisfies ReadonlyArray<keyof EventData>;

/** Event types that stay inside the service (instances tell each other); no client receives them. */
type ServerOnly =
  | 'menu.changed'
  | 'staff.access_changed'
  | 'table.qr_token_changed'
  | 'api_key.changed'
  | 'ip_blocks.changed'
  | 'taxes.changed'
  | 'labour.changed';

/** Every event type a client can receive has its data typed above: adding one to the log without it fails here. */
type Untyped = Exclude<`${EventType}`, keyof EventData | ServerOnly>;
export const EVERY_EVENT_IS_TYPED: Untyped extends never ? true : Untyped = true;

/** The socket's events, for socket.io's typed client. */
export type ServerEvents = { [K in keyof EventData]: (envelope: Envelope<EventData[K]>) => void } & {
  'resync.required': (reply: { lastSeq: number }) => void;
  /** The socket's access token expires soon: renew it with `auth.renew`, or be disconnected then. */
  'auth.expiring': (notice: { expiresAt: string }) => void;
};

/** The service's answer to `auth.renew`: the socket's new expiry, or `UNAUTHORIZED` (nothing changed). */
export type RenewReply = { expiresAt: string } | { error: string };

/** What a staff socket sends: a fresh access token of its own session, to live past the old one's expiry. */
export interface ClientEvents {
  'auth.renew': (renewal: { token: string }, ack: (reply: RenewReply) => void) => void;
}
