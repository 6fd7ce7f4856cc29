import { connect } from 'node:net';

/**
 * Sends raw bytes to a network printer (port 9100 on most): connect, write them once, end, and count them printed
 * when the connection closes cleanly. `connected` runs once the printer accepted the connection and before any
 * byte goes (the caller records that from now on the job may have printed). Rejects on refusal, error or timeout.
 */
export function sendOverTcp(
  host: string,
  port: number,
  bytes: Buffer,
  timeoutMs: number,
  connected: () => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let sent = false;
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no clean close within ${timeoutMs} ms`)));
    socket.on('error', reject);
    // Whatever the printer says back (status bytes) is read and dropped, so its end of the stream arrives.
    socket.resume();
    socket.on('end', () => {
      // A printer that hangs up before it has the bytes did not print them: that close is no acknowledgement.
      if (!sent) socket.destroy(new Error('the printer closed the connection before the job was sent'));
    });
    socket.on('connect', () => {
      connected().then(
        () => socket.end(bytes, () => (sent = true)),
        (error: unknown) => socket.destroy(error instanceof Error ? error : new Error(String(error))),
      );
    });
    socket.on('close', (hadError) => {
      if (!hadError && sent) resolve();
      else if (!hadError) reject(new Error('the connection closed before the job was sent'));
    });
  });
}

/** Whether the printer accepts a connection: closed again at once, nothing written. */
export function probeTcp(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy());
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
    socket.on('connect', () => {
      resolve(true);
      socket.destroy();
    });
  });
}
