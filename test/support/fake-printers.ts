import { createServer, Server as NetServer, Socket } from 'node:net';

/** ESC/POS bytes back to their text: commands stripped, one string per printed line. */
export function escposText(bytes: Buffer): string[] {
  let text = '';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x1b) {
      // ESC @ (init), ESC E n (bold), ESC d n (feed), ESC a n (align)
      i += bytes[i + 1] === 0x40 ? 1 : 2;
    } else if (byte === 0x1d) {
      // GS ! n (size), GS V m (cut)
      i += 2;
    } else if (byte === 0x0a || (byte >= 0x20 && byte < 0x7f)) {
      text += String.fromCharCode(byte);
    }
  }
  return text.split('\n').filter((line) => line.length > 0);
}

/**
 * A network printer on 127.0.0.1: each connection is one job, its bytes recorded once the sender ends it (then the
 * printer closes cleanly, as a real one does). `down()` refuses connections on the same port until `up()`.
 */
export class FakePrinter {
  readonly received: Buffer[] = [];
  port = 0;
  private server: NetServer | null = null;
  private readonly sockets = new Set<Socket>();
  private waiters: Array<() => void> = [];

  static async start(): Promise<FakePrinter> {
    const printer = new FakePrinter();
    await printer.up();
    return printer;
  }

  /** The text of every job received, in order. */
  get tickets(): string[][] {
    return this.received.map(escposText);
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((socket) => {
      this.sockets.add(socket);
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => {
        if (chunks.length > 0) this.received.push(Buffer.concat(chunks));
        socket.end();
        this.notify();
      });
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves once at least `count` jobs have been received. */
  async waitFor(count: number, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`Expected ${count} print jobs, got ${this.received.length}`);
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  connection() {
    return { type: 'tcp', host: '127.0.0.1', port: this.port };
  }
}
