import { totpCode } from './totp';
import type { TestApp } from './test-app';

/** TOTP's time step. */
export const STEP_MS = 30_000;

/** A code that no step within the server's window accepts. */
export function wrongCodeAt(secret: string, at: Date): string {
  const near = [-1, 0, 1].map((step) => totpCode(secret, new Date(at.getTime() + step * STEP_MS)));
  let candidate = Number(near[1]);
  while (near.includes(String(candidate).padStart(6, '0'))) candidate = (candidate + 1) % 1_000_000;
  return String(candidate).padStart(6, '0');
}

/** The user's security events, oldest first. */
export async function securityEventsOf(
  t: TestApp,
  userId: string,
): Promise<Array<{ type: string; details: unknown }>> {
  const rows: Array<{ type: string; details: string | null }> = await t.dataSource.query(
    `SELECT type, details FROM security_events WHERE user_id = '${userId}' ORDER BY occurred_at`,
  );
  return rows.map(({ type, details }) => ({
    type,
    details: details === null ? null : JSON.parse(details),
  }));
}
