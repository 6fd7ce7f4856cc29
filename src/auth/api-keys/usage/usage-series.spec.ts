import { DomainError } from '../../../common/errors/domain-error';
import { daySeries, hasHourlySeries, hourSeries, usagePeriod } from './usage-series';

const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);

describe('usage period', () => {
  const now = at('2026-11-22T18:25:00.000Z');

  it('defaults to the 7 days before now, widened to whole UTC hours', () => {
    expect(usagePeriod(undefined, undefined, now)).toEqual({
      fromMs: ms('2026-11-15T18:00:00.000Z'),
      toMs: ms('2026-11-22T19:00:00.000Z'),
    });
  });

  it('keeps bounds that are whole hours already', () => {
    expect(usagePeriod(at('2026-11-20T00:00:00Z'), at('2026-11-21T00:00:00Z'), now)).toEqual({
      fromMs: ms('2026-11-20T00:00:00Z'),
      toMs: ms('2026-11-21T00:00:00Z'),
    });
  });

  it('refuses a period that does not start before it ends, or that is longer than usage is kept', () => {
    expect(() => usagePeriod(at('2026-11-21T00:00:00Z'), at('2026-11-21T00:00:00Z'), now)).toThrow(
      DomainError,
    );
    expect(() => usagePeriod(at('2026-11-22T00:00:00Z'), at('2026-11-21T00:00:00Z'), now)).toThrow(
      DomainError,
    );
    expect(() => usagePeriod(at('2025-10-16T00:00:00Z'), at('2026-11-21T00:00:00Z'), now)).toThrow(
      DomainError,
    );
    expect(usagePeriod(at('2025-10-17T00:00:00Z'), at('2026-11-21T00:00:00Z'), now).fromMs).toBe(
      ms('2025-10-17T00:00:00Z'),
    );
  });

  it('has an hourly series up to 31 days', () => {
    const from = at('2026-10-01T00:00:00Z');
    expect(hasHourlySeries(usagePeriod(from, at('2026-11-01T00:00:00Z'), now))).toBe(true);
    expect(hasHourlySeries(usagePeriod(from, at('2026-11-01T01:00:00Z'), now))).toBe(false);
  });
});

describe('usage series', () => {
  const period = { fromMs: ms('2026-11-20T22:00:00Z'), toMs: ms('2026-11-21T02:00:00Z') };
  const counts = new Map([
    [ms('2026-11-20T23:00:00Z'), { requests: 5, errors: 1 }],
    [ms('2026-11-21T01:00:00Z'), { requests: 2, errors: 2 }],
  ]);

  it('lists every hour of the period, zeros included', () => {
    expect(hourSeries(period, counts)).toEqual([
      { hour: '2026-11-20T22:00:00.000Z', requests: 0, errors: 0 },
      { hour: '2026-11-20T23:00:00.000Z', requests: 5, errors: 1 },
      { hour: '2026-11-21T00:00:00.000Z', requests: 0, errors: 0 },
      { hour: '2026-11-21T01:00:00.000Z', requests: 2, errors: 2 },
    ]);
  });

  it('lists every UTC day the period touches, summing its hours in the period, zeros included', () => {
    expect(daySeries(period, counts)).toEqual([
      { day: '2026-11-20', requests: 5, errors: 1 },
      { day: '2026-11-21', requests: 2, errors: 2 },
    ]);
    const week = { fromMs: ms('2026-11-16T05:00:00Z'), toMs: ms('2026-11-19T00:00:00Z') };
    expect(daySeries(week, counts)).toEqual([
      { day: '2026-11-16', requests: 0, errors: 0 },
      { day: '2026-11-17', requests: 0, errors: 0 },
      { day: '2026-11-18', requests: 0, errors: 0 },
    ]);
  });
});
