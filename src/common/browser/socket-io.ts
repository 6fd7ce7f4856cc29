/** The part of socket.io's browser client the pages use; /socket.io/socket.io.min.js defines `window.io`. */
export interface PageSocket {
  auth: Record<string, string>;
  io: { on(event: 'reconnect', listener: () => void): void };
  on(event: 'connect' | 'disconnect', listener: () => void): void;
  on(event: 'connect_error', listener: (error: Error) => void): void;
  on(event: string, listener: (envelope: unknown) => void): void;
  connect(): void;
  close(): void;
}

type SocketIo = (options: { auth: Record<string, string> }) => PageSocket;

/** A socket with `auth`, or null when socket.io's client did not load: the page then works without live updates. */
export function openSocket(auth: Record<string, string>): PageSocket | null {
  const io = (window as unknown as { io?: SocketIo }).io;
  return io ? io({ auth }) : null;
}

/** The `data` of an event's envelope, when it has one. */
export function eventData<T>(envelope: unknown): T | null {
  if (typeof envelope !== 'object' || envelope === null || !('data' in envelope)) return null;
  return (envelope as { data: T }).data ?? null;
}
