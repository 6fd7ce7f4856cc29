import { createServer, Server as NetServer } from 'node:net';
import { decodeEscPos } from './escpos-decoder';

/**
 * A network printer on 127.0.0.1: each connection is one job, its bytes recorded once the sender ends it (then the
 * printer closes cleanly, as a real one does). `down()` refuses connections on the same port until `up()`.
 */
export class FakePrinter {
  readonly received: Buffer[] = [];
  port = 0;
  private server: NetServer | null = null;
  private waiters: Array<() => void> = [];

  static async start(): Promise<FakePrinter> {
    const printer = new FakePrinter();
    await printer.up();
    return printer;
  }

  /** The printed lines of every job received, in order: trimmed, blank lines left out. */
  get tickets(): string[][] {
    return this.received.map((bytes) =>
      decodeEscPos(bytes)
        .lines.map((line) => line.trim())
        .filter((line) => line !== ''),
    );
  }

  /** The widest line (in characters) of every job received. */
  get widths(): number[] {
    return this.received.map((bytes) => decodeEscPos(bytes).widest);
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('end', () => {
        if (chunks.length > 0) this.received.push(Buffer.concat(chunks));
        socket.end();
        this.notify();
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /**
   * Refuses new connections from now on; a job already being received finishes (a printer switched off between
   * jobs: one cut off in the middle of its bytes would have printed or not, which no sender can know).
   */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
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
