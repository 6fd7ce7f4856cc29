import type { Client } from 'pg';

/** Resolves once some other session waits for a lock that `holder` holds. */
export async function waitForLockWaiter(holder: Client): Promise<void> {
  const [{ pid }] = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  for (let attempt = 0; attempt < 500; attempt++) {
    const waiting = await holder.query(
      'SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))',
      [pid],
    );
    if (waiting.rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('nobody waited for the lock');
}
