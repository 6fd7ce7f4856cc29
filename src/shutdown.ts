import { INestApplication, Logger } from '@nestjs/common';
import type { Server } from 'node:http';
import type { RealtimeIoAdapter } from './realtime/realtime-io.adapter';

/** How often idle keep-alive connections are closed while requests drain: each one ends after its last reply. */
const IDLE_SWEEP_MS = 50;

/**
 * On SIGTERM (or SIGINT), in this order, within `timeoutMs`:
 * 1. stop accepting connections, and close every socket's transport so clients reconnect (to another instance);
 * 2. let the requests in flight finish, closing each keep-alive connection once it is idle;
 * 3. close the application: webhook sends in flight finish and are recorded, transactions end, usage counts are
 *    flushed, Redis and the database are closed (the modules' shutdown hooks);
 * then exit 0. Past `timeoutMs` the process exits 1 at once: an orchestrator's SIGKILL would come anyway, and
 * nothing acknowledged depends on the rest (the log and the outbox are in the database).
 * Nest's own enableShutdownHooks is not used: it runs the modules' hooks before the HTTP server stops accepting,
 * so requests could arrive at a closing database.
 */
export function shutDownGracefully(
  app: INestApplication,
  realtime: RealtimeIoAdapter,
  timeoutMs: number,
): void {
  const logger = new Logger('Shutdown');
  let started = false;
  const shutDown = async (signal: NodeJS.Signals): Promise<void> => {
    if (started) return;
    started = true;
    const startedAt = Date.now();
    logger.log({ signal, timeoutMs }, 'Shutting down: no new connections, finishing requests in flight');
    setTimeout(() => {
      logger.error({ timeoutMs }, 'Shutdown took too long: exiting now');
      process.exit(1);
    }, timeoutMs).unref();
    const http = app.getHttpServer() as Server;
    const closed = new Promise<void>((resolve) => http.close(() => resolve()));
    realtime.closeTransports();
    const sweep = setInterval(() => http.closeIdleConnections(), IDLE_SWEEP_MS);
    http.closeIdleConnections();
    await closed;
    clearInterval(sweep);
    await app.close();
    logger.log({ tookMs: Date.now() - startedAt }, 'Shut down');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, (received) => {
      shutDown(received).catch((error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      });
    });
  }
}
