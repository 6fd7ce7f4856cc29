import { shiftFigures } from './shift-hours';
import { WorkedShift, workedWithin } from './worked-shift';

const at = (instant: string) => new Date(instant);

/** 17:00 → 02:29:59.9 Berlin, unpaid 20:00–20:20 and paid 23:00–23:15, 13.33 an hour, overtime after 8 h. */
function nightShift(): WorkedShift {
  const input = {
    id: 'shift',
    userId: 'anna',
    start: at('2027-01-11T16:00:00Z'),
    end: at('2027-01-12T01:29:59.900Z'),
    breaks: [
      { paid: false, start: at('2027-01-11T19:00:00Z'), end: at('2027-01-11T19:20:00Z') },
      { paid: true, start: at('2027-01-11T22:00:00Z'), end: at('2027-01-11T22:15:00Z') },
    ],
  };
  const figures = shiftFigures(
    [input],
    input.end,
    'Europe/Berlin',
    { dailyAfterMinutes: 480, weeklyAfterMinutes: null },
    undefined,
  );
  return { ...input, jobId: null, job: null, wage: 1333, figures: figures.get('shift')! };
}

describe('workedWithin', () => {
  it('cuts a shift into parts that add up to its figures, the cost rounded once', () => {
    const shift = nightShift();
    const cuts = Array.from(
      { length: 11 },
      (_, hour) => new Date(Date.parse('2027-01-11T16:00:00Z') + hour * 3_600_000),
    );
    const parts = cuts.slice(1).map((end, index) => workedWithin(shift, cuts[index], end));
    const sum = (key: keyof (typeof parts)[number]) => parts.reduce((total, part) => total + part[key], 0);
    const whole = workedWithin(shift, cuts[0], cuts[cuts.length - 1]);
    expect(whole).toEqual({
      workedSeconds: shift.figures.workedSeconds,
      overtimeSeconds: shift.figures.overtimeSeconds,
      unpaidBreakSeconds: 1200,
      cost: Math.round((shift.figures.workedSeconds * 1333) / 3600),
    });
    expect({
      workedSeconds: sum('workedSeconds'),
      overtimeSeconds: sum('overtimeSeconds'),
      unpaidBreakSeconds: sum('unpaidBreakSeconds'),
      cost: sum('cost'),
    }).toEqual(whole);
    // 9 h 29 m 59 s less 20 minutes unpaid: 9 h 09 m 59 s, of which 1 h 09 m 59 s past 8 hours (reached at 01:20): its last.
    expect(whole.workedSeconds).toBe(9 * 3600 + 9 * 60 + 59);
    expect(parts.map((part) => part.overtimeSeconds)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 2400, 1799]);
    expect(parts[3].workedSeconds).toBe(2400);
  });

  it('counts nothing outside the shift', () => {
    const shift = nightShift();
    expect(workedWithin(shift, at('2027-01-12T02:00:00Z'), at('2027-01-12T05:00:00Z'))).toEqual({
      workedSeconds: 0,
      overtimeSeconds: 0,
      unpaidBreakSeconds: 0,
      cost: 0,
    });
  });
});
