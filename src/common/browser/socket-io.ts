import { io, type Socket } from 'socket.io-client';

/** A page's socket: socket.io's client, bundled with the page's script. */
export type PageSocket = Socket;

/** A socket to the service that authenticates with `auth` in its handshake. */
export function openSocket(auth: Record<string, string>): PageSocket {
  return io({ auth });
}

/** The `data` of an event's envelope, when it has one. */
export function eventData<T>(envelope: unknown): T | null {
  if (typeof envelope !== 'object' || envelope === null || !('data' in envelope)) return null;
  return (envelope as { data: T }).data ?? null;
}
