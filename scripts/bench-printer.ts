import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { cleanups } from './bench-lib';

/**
 * For `--kitchen-printer`: a network printer on 127.0.0.1 that takes every connection's bytes and closes cleanly,
 * counting the tickets, so that the service measured prints a kitchen ticket for every order during the load.
 */
export interface BenchPrinter {
  port: number;
  tickets(): number;
}

export async function startPrinter(): Promise<BenchPrinter> {
  let tickets = 0;
  const server = createServer((socket) => {
    socket.resume();
    socket.on('end', () => {
      tickets += 1;
      socket.end();
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, tickets: () => tickets };
}
