import { Role } from '../../src/common/access/role';
import { as, newStaff, NewStaff, postFrom } from './clients';
import type { TestApp } from './test-app';
import { totpCode as codeAt } from './totp';

/** What the second-factor specs share: enrolled staff, their codes, the two login steps and security events. */

export const STEP_MS = 30_000;

/** A code that no step within the server's window accepts. */
export function wrongCodeAt(secret: string, at: Date): string {
  const near = [-1, 0, 1].map((step) => codeAt(secret, new Date(at.getTime() + step * STEP_MS)));
  let candidate = Number(near[1]);
  while (near.includes(String(candidate).padStart(6, '0'))) candidate = (candidate + 1) % 1_000_000;
  return String(candidate).padStart(6, '0');
}

export interface Enrolled extends NewStaff {
  secret: string;
  recoveryCodes: string[];
}

/** The helpers, on the app that `app()` answers once the spec has started it. */
export function secondFactorTools(app: () => TestApp) {
  /** The staff member's next code: a step after any code used so far, so that none is refused as a replay. */
  const nextCode = (staff: Enrolled) => {
    app().clock.advance(STEP_MS);
    return codeAt(staff.secret, app().clock.now());
  };

  async function enrolled(role: Role.Manager | Role.Admin = Role.Manager): Promise<Enrolled> {
    const t = app();
    const staff = await newStaff(t, role);
    const setup = await as(t, staff.session).post('/api/v1/auth/2fa/setup').expect(200);
    const secret = setup.body.secret as string;
    const enabled = await as(t, staff.session)
      .post('/api/v1/auth/2fa/enable')
      .send({ code: codeAt(secret, t.clock.now()) })
      .expect(200);
    return { ...staff, secret, recoveryCodes: enabled.body.recoveryCodes as string[] };
  }

  /** The password step, from `address` (a loopback address: each test's failures count against its own IP). */
  async function challenge(staff: NewStaff, address = '127.0.0.1'): Promise<string> {
    const reply = await postFrom(app(), address, '/api/v1/auth/login', {
      username: staff.username,
      password: staff.password,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String), expiresIn: 300 });
    return reply.body.mfaToken as string;
  }

  const secondStep = (body: object, address = '127.0.0.1') =>
    postFrom(app(), address, '/api/v1/auth/login/2fa', body);

  /** The user's security events, oldest first. */
  async function securityEventsOf(userId: string): Promise<Array<{ type: string; details: unknown }>> {
    const rows: Array<{ type: string; details: string | null }> = await app().dataSource.query(
      `SELECT type, details FROM security_events WHERE user_id = '${userId}' ORDER BY occurred_at`,
    );
    return rows.map(({ type, details }) => ({
      type,
      details: details === null ? null : JSON.parse(details),
    }));
  }

  return { nextCode, enrolled, challenge, secondStep, securityEventsOf };
}
