import { businessDayOf } from './business-day';

describe('businessDayOf', () => {
  it('starts the day at the configured local time', () => {
    expect(businessDayOf(new Date('2026-11-22T04:59:00Z'), 'UTC', '05:00')).toBe('2026-11-21');
    expect(businessDayOf(new Date('2026-11-22T05:00:00Z'), 'UTC', '05:00')).toBe('2026-11-22');
    expect(businessDayOf(new Date('2026-11-22T23:59:00Z'), 'UTC', '00:00')).toBe('2026-11-22');
  });

  it('uses the restaurant’s time zone, daylight saving included', () => {
    // 02:30 in Berlin (UTC+1 in winter) is before 05:00: still the previous business day.
    expect(businessDayOf(new Date('2026-11-22T01:30:00Z'), 'Europe/Berlin', '05:00')).toBe('2026-11-21');
    expect(businessDayOf(new Date('2026-11-22T04:30:00Z'), 'Europe/Berlin', '05:00')).toBe('2026-11-22');
    // Summer: UTC+2.
    expect(businessDayOf(new Date('2026-07-01T02:30:00Z'), 'Europe/Berlin', '05:00')).toBe('2026-06-30');
    expect(businessDayOf(new Date('2026-07-01T03:30:00Z'), 'Europe/Berlin', '05:00')).toBe('2026-07-01');
    // West of UTC: 20:00 in New York is the next UTC day.
    expect(businessDayOf(new Date('2026-11-23T01:00:00Z'), 'America/New_York', '05:00')).toBe('2026-11-22');
  });
});
