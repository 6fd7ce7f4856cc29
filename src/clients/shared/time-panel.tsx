import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { type Api, ApiError, newKey, ok, type Schemas } from './api';

type MyTime = Schemas['MyTimeView'];
type MyTips = Schemas['MyTipsView'];
type Shift = Schemas['TimeClockEntryView'];

/** The error codes the time clock answers, each with its words in the screens' catalogue (`timeClock.refusals`). */
const REFUSALS: Record<string, string> = {
  CONFLICT: 'conflict',
  INVALID_TRANSITION: 'invalidTransition',
  VALIDATION_ERROR: 'validation',
  UNAUTHORIZED: 'unauthorized',
};

/** A person's own time as the panel shows it: their jobs, shift and week, their tips; `reload` asks again. */
export interface MyTimeState {
  time: MyTime | null;
  tips: MyTips | null;
  reload(): Promise<void>;
}

/** The signed-in person's time and tips of the week, read once and again after each change. */
export function useMyTime(api: Api): MyTimeState {
  const [time, setTime] = useState<MyTime | null>(null);
  const [tips, setTips] = useState<MyTips | null>(null);
  const reload = () =>
    Promise.all([ok(api.GET('/api/v1/time-clock/me')), ok(api.GET('/api/v1/tips/me'))]).then(
      ([mine, ownTips]) => {
        setTime(mine);
        setTips(ownTips);
      },
    );
  useEffect(() => {
    reload().catch(() => undefined);
  }, [api]);
  return { time, tips, reload };
}

/** "Clocked out", "Clocked in" or "On a break": what the screen's bar shows at all times. */
export function clockStatus(time: MyTime | null): string {
  if (!time?.current) return t('timeClock.status.out');
  return t(time.current.onBreak ? 'timeClock.status.onBreak' : 'timeClock.status.in');
}

const hours = (value: number) => formats.number(value);

/**
 * The time panel of the waiter tablet and the kitchen screen: clock in (in the job chosen when the person holds
 * several), a paid or unpaid break and its end, clock out with the shift's hours and the law's flags in words, and
 * the person's own hours and tips of this week. Refusals are said in the staff's words, never the service's.
 */
export function TimePanel({ api, mine }: { api: Api; mine: MyTimeState }) {
  const { time, tips } = mine;
  const [jobId, setJobId] = useState('');
  const [paid, setPaid] = useState(false);
  const [ended, setEnded] = useState<Shift | null>(null);
  const [problem, setProblem] = useState('');

  const act = (call: () => Promise<Shift>, done: (shift: Shift) => void = () => undefined) => {
    setProblem('');
    call().then(
      (shift) => {
        done(shift);
        return mine.reload();
      },
      (error: unknown) => {
        const code = error instanceof ApiError ? (REFUSALS[error.problem.code] ?? 'other') : 'noConnection';
        setProblem(t(`timeClock.refusals.${code}`));
        void mine.reload().catch(() => undefined);
      },
    );
  };
  const headers = () => ({ 'Idempotency-Key': newKey() });
  const clockIn = () => {
    const several = (time?.jobs.length ?? 0) > 1;
    if (several && !jobId) return setProblem(t('timeClock.refusals.validation'));
    act(
      () =>
        ok(
          api.POST('/api/v1/time-clock/clock-in', {
            headers: headers(),
            body: several ? { jobId } : {},
          }),
        ),
      () => setEnded(null),
    );
  };
  const startBreak = () =>
    act(() => ok(api.POST('/api/v1/time-clock/breaks/start', { headers: headers(), body: { paid } })));
  const endBreak = () => act(() => ok(api.POST('/api/v1/time-clock/breaks/end', { headers: headers() })));
  const clockOut = () =>
    act(() => ok(api.POST('/api/v1/time-clock/clock-out', { headers: headers() })), setEnded);

  if (!time) return <p class="loading">{t('timeClock.loading')}</p>;
  const current = time.current;
  return (
    <section class="time-panel" aria-label={t('timeClock.heading')}>
      <h2>{t('timeClock.heading')}</h2>
      <p class="clock-status" role="status" data-state={current ? (current.onBreak ? 'break' : 'in') : 'out'}>
        {current ? sinceText(current) : clockStatus(time)}
      </p>
      {ended && <EndedShift shift={ended} />}
      {current === null && (
        <div class="time-actions">
          {time.jobs.length > 1 && (
            <label>
              {t('timeClock.job')}
              <select value={jobId} onChange={(event) => setJobId(event.currentTarget.value)}>
                <option value="">{t('timeClock.chooseJob')}</option>
                {time.jobs.map((job) => (
                  <option key={job.jobId} value={job.jobId}>
                    {job.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button class="primary" onClick={clockIn}>
            {t('timeClock.clockIn')}
          </button>
        </div>
      )}
      {current && !current.onBreak && (
        <div class="time-actions">
          <label>
            {t('timeClock.breakKind')}
            <select value={String(paid)} onChange={(event) => setPaid(event.currentTarget.value === 'true')}>
              <option value="false">{t('timeClock.unpaidBreak')}</option>
              <option value="true">{t('timeClock.paidBreak')}</option>
            </select>
          </label>
          <button onClick={startBreak}>{t('timeClock.startBreak')}</button>
          <button class="primary" onClick={clockOut}>
            {t('timeClock.clockOut')}
          </button>
        </div>
      )}
      {current?.onBreak && (
        <div class="time-actions">
          <button class="primary" onClick={endBreak}>
            {t('timeClock.endBreak')}
          </button>
        </div>
      )}
      <p class="problem" role="alert">
        {problem}
      </p>
      <Week time={time} />
      {tips && <Tips tips={tips} />}
    </section>
  );
}

/** "Clocked in since 5:02 PM as Waiter", "On an unpaid break since 7:30 PM". */
function sinceText(current: Shift): string {
  const running = current.breaks.find((pause) => pause.endedAt === null);
  if (running) {
    const key = running.paid ? 'timeClock.since.paidBreak' : 'timeClock.since.unpaidBreak';
    return t(key, { time: formats.time(running.startedAt) });
  }
  const time = formats.time(current.clockedInAt);
  return current.job
    ? t('timeClock.since.in', { time, job: current.job })
    : t('timeClock.since.inNoJob', { time });
}

/** The shift just clocked out: its hours and breaks, and each of the law's flags in words. */
function EndedShift({ shift }: { shift: Shift }) {
  return (
    <div class="shift-ended" role="status">
      <p>{t('timeClock.ended', { hours: hours(shift.hours), minutes: shift.breakMinutes })}</p>
      {shift.flags.map((flag) => (
        <p key={flag} class="flag">
          {t(`timeClock.flags.${flag}`)}
        </p>
      ))}
    </div>
  );
}

function Week({ time }: { time: MyTime }) {
  return (
    <div class="time-week" aria-label={t('timeClock.week')}>
      <h3>{t('timeClock.week')}</h3>
      <p data-figure="week-hours">{t('timeClock.weekHours', { hours: hours(time.weekHours) })}</p>
      {time.weekOvertimeHours > 0 && (
        <p data-figure="week-overtime">
          {t('timeClock.weekOvertime', { hours: hours(time.weekOvertimeHours) })}
        </p>
      )}
      <ul>
        {time.week.map((shift) => (
          <li key={shift.id}>
            {t('timeClock.shift', {
              day: formats.dateTime(shift.clockedInAt),
              job: shift.job ?? t('timeClock.noJob'),
              hours: hours(shift.hours),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Tips({ tips }: { tips: MyTips }) {
  const { totals } = tips;
  const rows: Array<[string, number]> = [
    ['cardTips', totals.cardTips],
    ['declaredTips', totals.declaredTips],
    ['share', totals.earned - totals.givenOut + totals.received],
    ['paidOut', totals.paidOut],
    ['balance', totals.balance],
  ];
  return (
    <div class="time-tips" aria-label={t('timeClock.tips')}>
      <h3>{t('timeClock.tips')}</h3>
      {tips.days.length === 0 ? (
        <p>{t('timeClock.noTips')}</p>
      ) : (
        <dl>
          {rows.map(([key, amount]) => (
            <div key={key} data-figure={key}>
              <dt>{t(`timeClock.${key}`)}</dt>
              <dd>{formats.money(amount)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
