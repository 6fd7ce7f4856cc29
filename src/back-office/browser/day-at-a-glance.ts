import { ApiError, ok, type Schemas } from '../../clients/shared/api.js';
import { StaffSession } from '../../clients/shared/staff-session.js';
import { byId, clear, make } from '../../common/browser/dom.js';
import { openSocket, type PageSocket } from '../../common/browser/socket-io.js';
import { formats, startPageI18n, t } from '../../i18n/browser/page-i18n.js';
import { glanceCatalogue } from '../../i18n/pages/glance.js';
import { type BarRow, bars, hourlyChart, type HourRow, paymentMix } from './charts.js';

/** The reports the page shows, as the API's schemas say. */
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

const ORDER_EVENTS = ['order.paid', 'order.status_changed', 'order.updated', 'order.item_status_changed'];

startPageI18n([glanceCatalogue], null);
const money = (minor: number) => formats.money(minor);
// The tokens live in this page only (no storage): closing the tab signs the manager out.
const session = new StaffSession(null, () => undefined);
let socket: PageSocket | null = null;
let reloadTimer: ReturnType<typeof setTimeout> | null = null;
let shown: Figures | null = null;

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

function signIn(event: Event): void {
  event.preventDefault();
  const status = byId('sign-in-status');
  status.textContent = '';
  const attempt = session.awaitsCode
    ? session.signInWithCode(byId<HTMLInputElement>('code').value.trim())
    : session.signInWithPassword(
        byId<HTMLInputElement>('username').value.trim(),
        byId<HTMLInputElement>('password').value,
      );
  attempt.then(
    (outcome) => {
      if (outcome === 'code-needed') {
        byId('code-field').hidden = false;
        byId('code').focus();
      } else begin();
    },
    (error: unknown) => {
      status.textContent = refusal(error);
    },
  );
}

function refusal(error: unknown): string {
  if (!(error instanceof ApiError)) return t('glance.noConnection');
  if (error.status === 429) {
    const wait = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return t('glance.tooManyAttempts', { count: wait });
  }
  if (error.status === 401) return session.awaitsCode ? t('glance.wrongCode') : t('glance.wrongPassword');
  return error.message;
}

function begin(): void {
  const user = session.user!;
  byId('code-field').hidden = true;
  byId<HTMLInputElement>('password').value = '';
  byId<HTMLInputElement>('code').value = '';
  if (user.role !== 'manager' && user.role !== 'admin') {
    session.signOut();
    byId('sign-in-status').textContent = t('glance.managersOnly');
    return;
  }
  byId('who').textContent = user.displayName;
  byId('sign-in').hidden = true;
  byId('dashboard').hidden = false;
  byId('sign-out').hidden = false;
  follow();
  load();
}

function signOut(): void {
  session.signOut();
  socket?.close();
  socket = null;
  shown = null;
  byId('dashboard').hidden = true;
  byId('sign-out').hidden = true;
  byId('who').textContent = '';
  byId('sign-in').hidden = false;
}

/** Order events refresh the figures; an expired token is renewed once, and a refused renewal signs out. */
function follow(): void {
  const live = openSocket({ token: session.accessToken ?? '' });
  socket = live;
  for (const type of ORDER_EVENTS) live.on(type, scheduleLoad);
  live.on('connect_error', (error: Error) => {
    if (error.message !== 'UNAUTHORIZED' || !session.user) return;
    session.renew().then((token) => {
      if (!token) return signOut();
      live.auth = { token };
      live.connect();
    }, signOut);
  });
}

function scheduleLoad(): void {
  if (reloadTimer) return;
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    load();
  }, 1500);
}

async function figures(): Promise<Figures> {
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

function load(): void {
  figures().then(
    (fresh) => {
      shown = fresh;
      render(fresh);
      byId('load-status').textContent = '';
      byId('updated').textContent = t('glance.updated', { time: formats.time(new Date()) });
    },
    (error: unknown) => {
      if (!session.user) signOut();
      else byId('load-status').textContent = t('glance.notLoaded', { problem: refusal(error) });
    },
  );
}

function render({ day, today, lastWeek, kitchen, adjustments, drawer }: Figures): void {
  byId('day').textContent = t('glance.businessDay', { day: day.businessDay });
  tiles(day, drawer);
  hourlyChart(byId('hourly'), hourRows(today, lastWeek), money);
  byId('hourly-legend-today').textContent = t('glance.today', { amount: money(today.totals.netSales) });
  byId('hourly-legend-week').textContent = t('glance.lastWeek', { amount: money(lastWeek.totals.netSales) });
  paymentMix(byId('payment-mix'), byId('payment-legend'), day.payments, money);
  const slowest = (timings: Timing[]) => timings.slice().sort((a, b) => b.p90Ms - a.p90Ms);
  const timing = (row: Timing): BarRow => ({
    label: row.name ?? t('glance.removedStation'),
    value: row.p90Ms,
    text: t('glance.timing', {
      p90: minutes(row.p90Ms),
      average: minutes(row.averageMs),
      items: t('glance.items', { count: row.items }),
    }),
  });
  const nothing = t('glance.nothingPrepared');
  bars(byId('slow-dishes'), slowest(kitchen.dishes).slice(0, 6).map(timing), nothing);
  bars(byId('slow-stations'), slowest(kitchen.stations).map(timing), nothing);
  bars(byId('adjustments'), staffRows(adjustments), t('glance.noAdjustments'));
}

/**
 * The headline figures, each named for exactly what it is. The drawer's are the open drawer shift's own, as
 * GET /shifts/:id computes them: expected cash (float, cash taken, change and cash refunds) and, apart, the cash
 * tips, which go to the staff rather than into the drawer.
 */
function tiles(day: DayReport, drawer: Figures['drawer']): void {
  const figures: Array<[string, string]> = [
    ['netSales', money(day.sales.netSales)],
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
  const container = clear(byId('tiles'));
  for (const [key, value] of figures) {
    const tile = make('div', 'tile');
    tile.appendChild(make('span', null, t(`glance.${key}`)));
    const strong = make('strong', null, value);
    strong.setAttribute('data-figure', key);
    tile.appendChild(strong);
    container.appendChild(tile);
  }
}

function hourRows(today: HourlySales, lastWeek: HourlySales): HourRow[] {
  const hourOf = (period: string) => period.slice(11, 16);
  const weekByHour = new Map<string, number>();
  for (const row of lastWeek.rows) {
    weekByHour.set(hourOf(row.period), (weekByHour.get(hourOf(row.period)) ?? 0) + row.netSales);
  }
  return today.rows.map((row) => ({
    hour: hourOf(row.period),
    today: row.netSales,
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

/** The hourly chart is drawn at its container's width: drawn again when that changes. */
window.addEventListener('resize', () => {
  if (shown) hourlyChart(byId('hourly'), hourRows(shown.today, shown.lastWeek), money);
});
byId('sign-in').addEventListener('submit', signIn);
byId('sign-out').addEventListener('click', signOut);
byId('username').focus();
