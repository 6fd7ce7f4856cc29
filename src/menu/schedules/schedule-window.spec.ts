import { isTimeOfDay, jointState, nextEdge, scheduleState, WeeklyWindow } from './schedule-window';

const BERLIN = 'Europe/Berlin';
const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const at = (iso: string) => new Date(iso);
const state = (windows: WeeklyWindow[], iso: string) => scheduleState(windows, at(iso), BERLIN);
const iso = (date: Date | null) => date?.toISOString() ?? null;

describe('scheduleState', () => {
  const breakfast = [{ days: WEEKDAYS, from: '07:00', to: '11:30' }];

  it('is on inside a window until its end, in the restaurant zone', () => {
    // Wednesday 2026-11-25, 10:00 in Berlin (UTC+1).
    const now = state(breakfast, '2026-11-25T09:00:00Z');
    expect(now.on).toBe(true);
    expect(iso(now.until)).toBe('2026-11-25T10:30:00.000Z');
    expect(now.nextOn).toBeNull();
  });

  it('goes off at the end (exclusive) and is next on the next listed day', () => {
    const end = state(breakfast, '2026-11-25T10:30:00Z');
    expect(end).toEqual({ on: false, until: null, nextOn: at('2026-11-26T06:00:00Z') });
    // Friday after breakfast: next on Monday.
    expect(iso(state(breakfast, '2026-11-27T12:00:00Z').nextOn)).toBe('2026-11-30T06:00:00.000Z');
    // The start is inclusive.
    expect(state(breakfast, '2026-11-30T06:00:00Z').on).toBe(true);
    expect(state(breakfast, '2026-11-30T05:59:59.999Z').on).toBe(false);
  });

  it('runs a window whose end is before its start past midnight, from the listed day only', () => {
    const bar = [{ days: [5, 6], from: '22:00', to: '02:00' }];
    // Saturday 00:30 local: Friday's run.
    const friday = state(bar, '2026-11-27T23:30:00Z');
    expect(friday.on).toBe(true);
    expect(iso(friday.until)).toBe('2026-11-28T01:00:00.000Z');
    // Sunday 01:00 local: Saturday's run. Monday 01:00 local: Sunday is not listed.
    expect(state(bar, '2026-11-29T00:00:00Z').on).toBe(true);
    const monday = state(bar, '2026-11-30T00:00:00Z');
    expect(monday.on).toBe(false);
    expect(iso(monday.nextOn)).toBe('2026-12-04T21:00:00.000Z');
    // To midnight: "00:00" ends the day.
    const late = [{ days: [3], from: '18:00', to: '00:00' }];
    expect(iso(state(late, '2026-11-25T20:00:00Z').until)).toBe('2026-11-25T23:00:00.000Z');
  });

  it('merges windows that touch, and is on for good when they cover the week', () => {
    const allDay = [
      { days: EVERY_DAY, from: '00:00', to: '12:00' },
      { days: EVERY_DAY, from: '12:00', to: '00:00' },
    ];
    expect(state(allDay, '2026-03-29T01:30:00Z')).toEqual({ on: true, until: null, nextOn: null });
    const split = [
      { days: [1], from: '10:00', to: '12:00' },
      { days: [1], from: '11:00', to: '15:00' },
    ];
    expect(iso(state(split, '2026-11-30T09:30:00Z').until)).toBe('2026-11-30T14:00:00.000Z');
  });

  describe('on the spring night (Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST)', () => {
    it('a window over the jump is an hour shorter', () => {
      const night = [{ days: [6], from: '22:00', to: '06:00' }];
      const on = state(night, '2026-03-28T21:00:00Z');
      expect(on.on).toBe(true);
      expect(iso(on.until)).toBe('2026-03-29T04:00:00.000Z');
      const early = [{ days: [7], from: '01:00', to: '03:00' }];
      expect(iso(state(early, '2026-03-29T00:30:00Z').until)).toBe('2026-03-29T01:00:00.000Z');
    });

    it('a start the clocks skip is taken at the jump; a window inside the skipped hour does not run', () => {
      const skipped = [{ days: [7], from: '02:30', to: '04:00' }];
      expect(iso(state(skipped, '2026-03-29T00:30:00Z').nextOn)).toBe('2026-03-29T01:00:00.000Z');
      expect(iso(state(skipped, '2026-03-29T01:00:00Z').until)).toBe('2026-03-29T02:00:00.000Z');
      const inside = [{ days: [7], from: '02:10', to: '02:50' }];
      // Next on a week later, at 02:10 CEST.
      expect(iso(state(inside, '2026-03-29T00:00:00Z').nextOn)).toBe('2026-04-05T00:10:00.000Z');
    });
  });

  describe('on the autumn night (Berlin, 2026-10-25: 03:00 CEST falls back to 02:00 CET)', () => {
    it('a window over the fall-back is an hour longer', () => {
      const early = [{ days: [7], from: '01:00', to: '03:00' }];
      const on = state(early, '2026-10-24T23:00:00Z');
      expect(on.on).toBe(true);
      expect(iso(on.until)).toBe('2026-10-25T02:00:00.000Z');
      expect(state(early, '2026-10-25T01:30:00Z').on).toBe(true);
    });

    it('an edge at a time shown twice is its first showing, and stays off through the second', () => {
      const ending = [{ days: [6], from: '20:00', to: '02:30' }];
      const on = state(ending, '2026-10-24T20:00:00Z');
      expect(iso(on.until)).toBe('2026-10-25T00:30:00.000Z');
      // 02:15 CET, the second time the clocks show it: off.
      expect(state(ending, '2026-10-25T01:15:00Z').on).toBe(false);
      const starting = [{ days: [7], from: '02:30', to: '05:00' }];
      expect(iso(state(starting, '2026-10-24T23:00:00Z').nextOn)).toBe('2026-10-25T00:30:00.000Z');
      expect(iso(state(starting, '2026-10-25T00:30:00Z').until)).toBe('2026-10-25T04:00:00.000Z');
    });
  });
});

describe('jointState', () => {
  const breakfast = [{ days: WEEKDAYS, from: '07:00', to: '11:30' }];
  const daytime = [{ days: EVERY_DAY, from: '10:00', to: '22:00' }];

  it('is on while all are, until the first goes off', () => {
    const both = jointState([breakfast, daytime], at('2026-11-30T09:30:00Z'), BERLIN);
    expect(both).toEqual({ on: true, until: at('2026-11-30T10:30:00Z'), nextOn: null });
    expect(nextEdge(both)).toEqual(at('2026-11-30T10:30:00Z'));
    expect(jointState([], at('2026-11-30T09:30:00Z'), BERLIN)).toEqual({
      on: true,
      until: null,
      nextOn: null,
    });
  });

  it('off, is next on when all of them are', () => {
    const early = jointState([breakfast, daytime], at('2026-11-30T06:30:00Z'), BERLIN);
    expect(early).toEqual({ on: false, until: null, nextOn: at('2026-11-30T09:00:00Z') });
    const saturday = jointState([breakfast, daytime], at('2026-11-28T12:00:00Z'), BERLIN);
    expect(saturday.nextOn).toEqual(at('2026-11-30T09:00:00Z'));
  });

  it('says never when they never meet', () => {
    const evening = [{ days: EVERY_DAY, from: '18:00', to: '20:00' }];
    const never = jointState([breakfast, evening], at('2026-11-30T06:30:00Z'), BERLIN);
    expect(never).toEqual({ on: false, until: null, nextOn: null });
    expect(nextEdge(never)).toBeNull();
  });
});

describe('isTimeOfDay', () => {
  it.each(['00:00', '07:00', '23:59'])('takes %s', (text) => expect(isTimeOfDay(text)).toBe(true));
  it.each(['25:00', '24:00', '7:00', '07:60', '07:00:00', '', 700])('refuses %p', (text) =>
    expect(isTimeOfDay(text)).toBe(false),
  );
});
