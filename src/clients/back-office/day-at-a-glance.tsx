import { useEffect, useRef, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ApiError, ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { type BarRow, bars, hourlyChart, type HourRow, paymentMix } from './charts';
import { openManagerSocket } from './manager-socket';

/** The reports the home shows, as the API's schemas say. */
type DayReport = Schemas['ShiftReportView'];
type HourlySales = Schemas['SalesReportView'];
type Timing =
  Schemas['KitchenReportView']['dishes'][number] | Schemas['KitchenReportView']['stations'][number];
type StaffAdjustments = Schemas['DiscountsAndVoidsReportView'];
interface Figures {
  day: DayReport;
  today: HourlySales;
  lastWeek: HourlySales;
  kitchen: Schemas['KitchenReportView'];
  adjustments: StaffAdjustments;
  /** The open drawer shift's figures, as GET /shifts/:id computes them. */
  drawer: Schemas['ShiftView'] | undefined;
}

/** What changes the figures: orders, and a close, after which they are the next business day's. */
const LIVE_EVENTS = [
  'order.paid',
  'order.status_changed',
  'order.updated',
  'order.item_status_changed',
  'business_day.closed',
];
/** Order events come in bursts: the figures are read again once the burst is over. */
const RELOAD_AFTER_MS = 1500;

const money = (minor: number) => formats.money(minor);
const minutes = (ms: number) =>
  t('glance.minutes', {
    minutes: new Intl.NumberFormat(formats.settings.locale, {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(ms / 60000),
  });

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * The home: the open business day's figures against the same weekday last week, the payment mix, the slowest
 * dishes and stations, voids and discounts by staff; read again when orders change.
 */
export function DayAtAGlance({ session }: { session: StaffSession }) {
  const [shown, setShown] = useState<Figures | null>(null);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    let reloadTimer: ReturnType<typeof setTimeout> | null = null;
    const load = () =>
      figures(session).then(
        (fresh) => {
          setShown(fresh);
          setUpdatedAt(new Date());
          setProblem('');
        },
        (error: unknown) =>
          setProblem(
            t('glance.notLoaded', { problem: error instanceof ApiError ? error.message : String(error) }),
          ),
      );
    const scheduleLoad = () => {
      reloadTimer ??= setTimeout(() => {
        reloadTimer = null;
        void load();
      }, RELOAD_AFTER_MS);
    };
    const live = openManagerSocket(session);
    for (const type of LIVE_EVENTS) live.on(type, scheduleLoad);
    void load();
    return () => {
      live.close();
      if (reloadTimer) clearTimeout(reloadTimer);
    };
  }, [session]);

  return (
    <div id="dashboard">
      <h1>
        {shown ? t('glance.businessDay', { day: formats.day(shown.day.businessDay) }) : t('glance.heading')}
      </h1>
      {shown && <Dashboard figures={shown} />}
      <p class="problem" role="alert">
        {problem}
      </p>
      {updatedAt && <p class="updated">{t('glance.updated', { time: formats.time(updatedAt) })}</p>}
    </div>
  );
}

async function figures(session: StaffSession): Promise<Figures> {
  const api = session.api;
  const day = await ok(api.GET('/api/v1/reports/shift'));
  const oneDay = (from: string) => ({ from, to: from });
  const hourly = (from: string) =>
    ok(api.GET('/api/v1/reports/sales', { params: { query: { groupBy: 'hour', ...oneDay(from) } } }));
  const [today, lastWeek, kitchen, adjustments, drawers] = await Promise.all([
    hourly(day.businessDay),
    hourly(addDays(day.businessDay, -7)),
    ok(api.GET('/api/v1/reports/kitchen', { params: { query: oneDay(day.businessDay) } })),
    ok(api.GET('/api/v1/reports/discounts-and-voids', { params: { query: oneDay(day.businessDay) } })),
    ok(api.GET('/api/v1/shifts', { params: { query: { status: 'open', perPage: 1 } } })),
  ]);
  return { day, today, lastWeek, kitchen, adjustments, drawer: drawers.items[0] };
}

function Dashboard({ figures: shown }: { figures: Figures }) {
  const { day, today, lastWeek, kitchen, adjustments, drawer } = shown;
  const hourly = useRef<HTMLDivElement>(null);
  const mix = useRef<HTMLDivElement>(null);
  const mixLegend = useRef<HTMLUListElement>(null);
  const slowDishes = useRef<HTMLDivElement>(null);
  const slowStations = useRef<HTMLDivElement>(null);
  const staff = useRef<HTMLDivElement>(null);

  // The charts draw into their containers at the containers' width: again when the window's width changes.
  useEffect(() => {
    const drawHourly = () => hourlyChart(hourly.current!, hourRows(today, lastWeek), money);
    drawHourly();
    paymentMix(mix.current!, mixLegend.current!, day.payments, money);
    const slowest = (timings: Timing[]) => timings.slice().sort((a, b) => b.p90Ms - a.p90Ms);
    const nothing = t('glance.nothingPrepared');
    bars(slowDishes.current!, slowest(kitchen.dishes).slice(0, 6).map(timingRow), nothing);
    bars(slowStations.current!, slowest(kitchen.stations).map(timingRow), nothing);
    bars(staff.current!, staffRows(adjustments), t('glance.noAdjustments'));
    window.addEventListener('resize', drawHourly);
    return () => window.removeEventListener('resize', drawHourly);
  }, [shown]);

  return (
    <>
      <Tiles day={day} drawer={drawer} />
      <div class="grid">
        <section class="card wide">
          <h2>{t('glance.salesByHour')}</h2>
          <div id="hourly" ref={hourly} />
          <ul class="legend">
            <li>{t('glance.today', { amount: money(today.totals.salesExclTax) })}</li>
            <li>{t('glance.lastWeek', { amount: money(lastWeek.totals.salesExclTax) })}</li>
          </ul>
        </section>
        <section class="card">
          <h2>{t('glance.paymentMix')}</h2>
          <div id="payment-mix" ref={mix} />
          <ul id="payment-legend" class="legend" ref={mixLegend} />
        </section>
        <section class="card">
          <h2>{t('glance.adjustments')}</h2>
          <div id="adjustments" ref={staff} />
        </section>
        <section class="card">
          <h2>{t('glance.slowestDishes')}</h2>
          <div id="slow-dishes" ref={slowDishes} />
        </section>
        <section class="card">
          <h2>{t('glance.slowestStations')}</h2>
          <div id="slow-stations" ref={slowStations} />
        </section>
      </div>
    </>
  );
}

/**
 * The headline figures, each named for exactly what it is. The drawer's are the open drawer shift's own, as
 * GET /shifts/:id computes them: expected cash (float, cash taken, change and cash refunds) and, apart, the cash
 * tips, which go to the staff rather than into the drawer.
 */
function Tiles({ day, drawer }: { day: DayReport; drawer: Figures['drawer'] }) {
  const figures: Array<[string, string]> = [
    ['salesExclTax', money(day.sales.salesExclTax)],
    ['salesInclTax', money(day.sales.salesInclTax)],
    ['closedOrders', formats.number(day.sales.orders)],
    ['averageTicket', money(day.sales.averageTicket)],
    ['tips', money(day.sales.tips)],
    [
      'openOrders',
      t('glance.openOrdersValue', { count: day.openOrders.count, due: money(day.openOrders.due) }),
    ],
    ['discounts', money(day.adjustments.discountAmount)],
    ['voids', money(day.adjustments.voidedValue)],
    ['expectedCash', drawer ? money(drawer.expectedCash) : t('glance.noDrawer')],
  ];
  if (drawer) figures.push(['cashTips', money(drawer.cashTips)]);
  return (
    <div class="tiles">
      {figures.map(([key, value]) => (
        <div key={key} class="tile">
          <span>{t(`glance.${key}`)}</span>
          <strong data-figure={key}>{value}</strong>
        </div>
      ))}
    </div>
  );
}

function timingRow(row: Timing): BarRow {
  return {
    label: row.name ?? t('glance.removedStation'),
    value: row.p90Ms,
    text: t('glance.timing', {
      p90: minutes(row.p90Ms),
      average: minutes(row.averageMs),
      items: t('glance.items', { count: row.items }),
    }),
  };
}

function hourRows(today: HourlySales, lastWeek: HourlySales): HourRow[] {
  const hourOf = (period: string) => period.slice(11, 16);
  const weekByHour = new Map<string, number>();
  for (const row of lastWeek.rows) {
    weekByHour.set(hourOf(row.period), (weekByHour.get(hourOf(row.period)) ?? 0) + row.salesExclTax);
  }
  return today.rows.map((row) => ({
    hour: hourOf(row.period),
    today: row.salesExclTax,
    week: weekByHour.get(hourOf(row.period)) ?? 0,
  }));
}

function staffRows(adjustments: StaffAdjustments): BarRow[] {
  return adjustments.byStaff.flatMap((staff) => {
    const label = staff.displayName ?? t('glance.unknownStaff');
    const rows: BarRow[] = [];
    if (staff.discounts > 0) {
      const text = `${t('glance.discountCount', { count: staff.discounts })} · ${money(staff.discountAmount)}`;
      rows.push({ label, value: staff.discountAmount, color: '#8e44ad', text });
    }
    if (staff.voids > 0) {
      const text = `${t('glance.voidCount', { count: staff.voids })} · ${money(staff.voidedValue)}`;
      rows.push({ label, value: staff.voidedValue, color: '#c0392b', text });
    }
    return rows;
  });
}
