/** A lease outlives the attempt's timeout by this much, so a live instance never loses its job to another. */
export const LEASE_MARGIN_MS = 30_000;
/** On shutdown, attempts in flight get their timeout and this much more to finish and be recorded. */
export const SHUTDOWN_MARGIN_MS = 2_000;

/** Until when an instance that takes a job at `now` holds it; after that any instance may take it again. */
export function leaseUntil(now: Date, attemptTimeoutMs: number): Date {
  return new Date(now.getTime() + attemptTimeoutMs + LEASE_MARGIN_MS);
}

/** How long shutdown waits for the attempts in flight: less than the lease, so each is recorded before it runs out. */
export function shutdownWaitMs(attemptTimeoutMs: number): number {
  return attemptTimeoutMs + SHUTDOWN_MARGIN_MS;
}
