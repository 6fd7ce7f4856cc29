import { LEASE_MARGIN_MS, leaseUntil, shutdownWaitMs } from './lease';

const now = new Date('2026-01-01T12:00:00.000Z');

describe('job leases', () => {
  it('outlive the attempt by the margin', () => {
    expect(leaseUntil(now, 10_000)).toEqual(new Date(now.getTime() + 10_000 + LEASE_MARGIN_MS));
  });

  it('outlive what shutdown waits for an attempt, so no other instance takes a job still being recorded', () => {
    for (const timeout of [0, 1_000, 10_000, 120_000]) {
      expect(leaseUntil(now, timeout).getTime() - now.getTime()).toBeGreaterThan(shutdownWaitMs(timeout));
    }
  });
});
