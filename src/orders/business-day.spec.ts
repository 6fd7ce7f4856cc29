import { localTimeLabel } from '../common/time/wall-clock';
import { addDays, businessDayOf, businessDayStart } from './business-day';

const dayOf = (utc: string, timeZone: string, startsAt = '05:00') =>
  businessDayOf(new Date(utc), timeZone, startsAt);

describe('businessDayOf', () => {
  it('starts the day at the configured local time, in UTC', () => {
    expect(dayOf('2026-11-22T04:59:00Z', 'UTC')).toBe('2026-11-21');
    expect(dayOf('2026-11-22T05:00:00Z', 'UTC')).toBe('2026-11-22');
    expect(dayOf('2026-03-01T04:59:59Z', 'UTC')).toBe('2026-02-28');
  });

  it('starts the day at midnight with 00:00', () => {
    expect(dayOf('2026-11-22T23:59:00Z', 'UTC', '00:00')).toBe('2026-11-22');
    expect(dayOf('2026-11-23T00:00:00Z', 'UTC', '00:00')).toBe('2026-11-23');
    // Berlin midnight is 23:00 UTC in winter.
    expect(dayOf('2026-11-22T22:59:00Z', 'Europe/Berlin', '00:00')).toBe('2026-11-22');
    expect(dayOf('2026-11-22T23:00:00Z', 'Europe/Berlin', '00:00')).toBe('2026-11-23');
  });

  it('uses the restaurant’s time zone, in winter and in summer', () => {
    // Winter, UTC+1: 05:00 is 04:00 UTC.
    expect(dayOf('2026-11-22T03:59:00Z', 'Europe/Berlin')).toBe('2026-11-21');
    expect(dayOf('2026-11-22T04:00:00Z', 'Europe/Berlin')).toBe('2026-11-22');
    // Summer, UTC+2: 05:00 is 03:00 UTC.
    expect(dayOf('2026-07-01T02:59:00Z', 'Europe/Berlin')).toBe('2026-06-30');
    expect(dayOf('2026-07-01T03:00:00Z', 'Europe/Berlin')).toBe('2026-07-01');
    // West of UTC: 20:00 in New York is the next UTC day.
    expect(dayOf('2026-11-23T01:00:00Z', 'America/New_York')).toBe('2026-11-22');
  });

  it('starts the day at 05:00 local on the night the clocks go forward (Berlin, 2026-03-29)', () => {
    // 02:00 CET became 03:00 CEST at 01:00 UTC; 05:00 CEST is 03:00 UTC.
    expect(dayOf('2026-03-29T00:59:00Z', 'Europe/Berlin')).toBe('2026-03-28'); // 01:59 CET
    expect(dayOf('2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('2026-03-28'); // 03:00 CEST
    expect(dayOf('2026-03-29T02:59:00Z', 'Europe/Berlin')).toBe('2026-03-28'); // 04:59 CEST
    expect(dayOf('2026-03-29T03:00:00Z', 'Europe/Berlin')).toBe('2026-03-29'); // 05:00 CEST
    expect(dayOf('2026-03-29T03:30:00Z', 'Europe/Berlin')).toBe('2026-03-29'); // 05:30 CEST
  });

  it('starts the day at 05:00 local on the night the clocks go back (Berlin, 2026-10-25)', () => {
    // 03:00 CEST became 02:00 CET at 01:00 UTC, so 02:30 happened twice; 05:00 CET is 04:00 UTC.
    expect(dayOf('2026-10-25T00:30:00Z', 'Europe/Berlin')).toBe('2026-10-24'); // 02:30 CEST
    expect(dayOf('2026-10-25T01:30:00Z', 'Europe/Berlin')).toBe('2026-10-24'); // 02:30 CET
    expect(dayOf('2026-10-25T03:30:00Z', 'Europe/Berlin')).toBe('2026-10-24'); // 04:30 CET
    expect(dayOf('2026-10-25T03:59:00Z', 'Europe/Berlin')).toBe('2026-10-24'); // 04:59 CET
    expect(dayOf('2026-10-25T04:00:00Z', 'Europe/Berlin')).toBe('2026-10-25'); // 05:00 CET
  });

  it('starts the day in a zone with a half-hour offset, mid-way through a UTC hour', () => {
    // India, UTC+5:30: 05:00 is 23:30 UTC the evening before.
    expect(dayOf('2026-11-21T23:29:00Z', 'Asia/Kolkata')).toBe('2026-11-21');
    expect(dayOf('2026-11-21T23:30:00Z', 'Asia/Kolkata')).toBe('2026-11-22');
    // Newfoundland, UTC-3:30 in winter: 05:00 is 08:30 UTC.
    expect(dayOf('2026-11-22T08:29:00Z', 'America/St_Johns')).toBe('2026-11-21');
    expect(dayOf('2026-11-22T08:30:00Z', 'America/St_Johns')).toBe('2026-11-22');
  });

  it('answers each zone and start for itself, even within the same minute', () => {
    const instant = '2026-11-22T04:30:00Z';
    expect(dayOf(instant, 'UTC')).toBe('2026-11-21');
    expect(dayOf(instant, 'Europe/Berlin')).toBe('2026-11-22');
    expect(dayOf(instant, 'Europe/Berlin', '06:00')).toBe('2026-11-21');
    expect(dayOf(instant, 'UTC')).toBe('2026-11-21');
  });
});

describe('businessDayStart and localTimeLabel', () => {
  it('starts a business day at its local start time, whatever the offset that day', () => {
    expect(businessDayStart('2026-11-22', 'UTC', '05:00').toISOString()).toBe('2026-11-22T05:00:00.000Z');
    expect(businessDayStart('2026-07-01', 'Europe/Berlin', '05:00').toISOString()).toBe(
      '2026-07-01T03:00:00.000Z',
    );
    // The fall-back night: the day of 2026-10-24 runs from 03:00 UTC to 04:00 UTC the next day, 25 hours.
    expect(businessDayStart('2026-10-24', 'Europe/Berlin', '05:00').toISOString()).toBe(
      '2026-10-24T03:00:00.000Z',
    );
    expect(businessDayStart('2026-10-25', 'Europe/Berlin', '05:00').toISOString()).toBe(
      '2026-10-25T04:00:00.000Z',
    );
    expect(businessDayStart('2026-11-22', 'America/New_York', '00:00').toISOString()).toBe(
      '2026-11-22T05:00:00.000Z',
    );
    expect(businessDayStart('2026-11-22', 'Asia/Kolkata', '05:00').toISOString()).toBe(
      '2026-11-21T23:30:00.000Z',
    );
  });

  it('agrees with businessDayOf on both sides of each start', () => {
    for (const [day, zone] of [
      ['2026-10-25', 'Europe/Berlin'],
      ['2026-03-29', 'Europe/Berlin'],
      ['2026-11-01', 'America/New_York'],
    ]) {
      const start = businessDayStart(day, zone, '05:00').getTime();
      expect(businessDayOf(new Date(start), zone, '05:00')).toBe(day);
      expect(businessDayOf(new Date(start - 1), zone, '05:00')).toBe(addDays(day, -1));
    }
  });

  it('names the two 02:00 hours of a fall-back night by their offsets', () => {
    expect(localTimeLabel(new Date('2026-10-25T00:00:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:00+02:00');
    expect(localTimeLabel(new Date('2026-10-25T01:00:00Z'), 'Europe/Berlin')).toBe('2026-10-25T02:00+01:00');
    expect(localTimeLabel(new Date('2026-11-22T18:30:00Z'), 'America/New_York')).toBe(
      '2026-11-22T13:30-05:00',
    );
  });
});
