import { ApiError, ok, type Schemas } from '../../clients/shared/api.js';
import { StaffSession } from '../../clients/shared/staff-session.js';
import { byId, clear, make, pageData } from '../../common/browser/dom.js';
import { openSocket, type PageSocket } from '../../common/browser/socket-io.js';
import { formatMinorUnits } from '../../public/money-format.js';
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

const currency = pageData('currency');
const money = (minor: number) => formatMinorUnits(minor, currency);
// The tokens live in this page only (no storage): closing the tab signs the manager out.
const session = new StaffSession(null, () => undefined);
let socket: PageSocket | null = null;
let reloadTimer: ReturnType<typeof setTimeout> | null = null;
let shown: Figures | null = null;

const minutes = (ms: number) => `${(ms / 60000).toFixed(1)} min`;
const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

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
  if (!(error instanceof ApiError)) return 'No connection to the server.';
  if (error.status === 429) {
    const wait = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
    return `Too many attempts. Try again in ${wait}${wait === 1 ? ' minute.' : ' minutes.'}`;
  }
  if (error.status === 401)
    return session.awaitsCode ? 'That code is not right.' : 'Wrong username or password.';
  return error.message;
}

function begin(): void {
  const user = session.user!;
  byId('code-field').hidden = true;
  byId<HTMLInputElement>('password').value = '';
  byId<HTMLInputElement>('code').value = '';
  if (user.role !== 'manager' && user.role !== 'admin') {
    session.signOut();
    byId('sign-in-status').textContent = 'This page is for managers and admins.';
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
      byId('updated').textContent = `Updated ${new Date().toLocaleTimeString()}`;
    },
    (error: unknown) => {
      if (!session.user) signOut();
      else byId('load-status').textContent = `Could not load the figures: ${refusal(error)}`;
    },
  );
}

function render({ day, today, lastWeek, kitchen, adjustments, drawer }: Figures): void {
  byId('day').textContent = `Business day ${day.businessDay}`;
  tiles(day, drawer);
  hourlyChart(byId('hourly'), hourRows(today, lastWeek), money);
  byId('hourly-legend-today').textContent = `Today ${money(today.totals.netSales)}`;
  byId('hourly-legend-week').textContent = `Same weekday last week ${money(lastWeek.totals.netSales)}`;
  paymentMix(byId('payment-mix'), byId('payment-legend'), day.payments, money);
  const slowest = (timings: Timing[]) => timings.slice().sort((a, b) => b.p90Ms - a.p90Ms);
  const timing = (row: Timing): BarRow => ({
    label: row.name ?? 'Removed station',
    value: row.p90Ms,
    text: `p90 ${minutes(row.p90Ms)} · avg ${minutes(row.averageMs)} · ${counted(row.items, 'item')}`,
  });
  const nothing = 'Nothing has been prepared yet today.';
  bars(byId('slow-dishes'), slowest(kitchen.dishes).slice(0, 6).map(timing), nothing);
  bars(byId('slow-stations'), slowest(kitchen.stations).map(timing), nothing);
  bars(byId('adjustments'), staffRows(adjustments), 'No voids or discounts today.');
}

/**
 * The headline figures, each named for exactly what it is. The drawer's are the open drawer shift's own, as
 * GET /shifts/:id computes them: expected cash (float, cash taken, change and cash refunds) and, apart, the cash
 * tips, which go to the staff rather than into the drawer.
 */
function tiles(day: DayReport, drawer: Figures['drawer']): void {
  const figures: Array<[string, string]> = [
    ['Net sales', money(day.sales.netSales)],
    ['Closed orders', String(day.sales.orders)],
    ['Average ticket', money(day.sales.averageTicket)],
    ['Tips, all methods', money(day.sales.tips)],
    ['Open orders', `${day.openOrders.count} · ${money(day.openOrders.due)} due`],
    ['Discounts', money(day.adjustments.discountAmount)],
    ['Voids', money(day.adjustments.voidedValue)],
    ['Expected cash in drawer', drawer ? money(drawer.expectedCash) : 'No drawer open'],
  ];
  if (drawer) figures.push(['Cash tips, not in drawer', money(drawer.cashTips)]);
  const container = clear(byId('tiles'));
  for (const [name, value] of figures) {
    const tile = make('div', 'tile');
    tile.appendChild(make('span', null, name));
    const strong = make('strong', null, value);
    strong.setAttribute('data-figure', name);
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
    const label = staff.displayName ?? 'Unknown';
    const rows: BarRow[] = [];
    if (staff.discounts > 0) {
      const text = `${counted(staff.discounts, 'discount')} · ${money(staff.discountAmount)}`;
      rows.push({ label, value: staff.discountAmount, color: '#8e44ad', text });
    }
    if (staff.voids > 0) {
      const text = `${counted(staff.voids, 'void')} · ${money(staff.voidedValue)}`;
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
