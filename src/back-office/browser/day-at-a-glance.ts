import { byId, clear, make, pageData } from '../../common/browser/dom.js';
import { openSocket, type PageSocket } from '../../common/browser/socket-io.js';
import { formatMinorUnits } from '../../public/money-format.js';
import { type BarRow, bars, hourlyChart, type HourRow, paymentMix } from './charts.js';
import { StaffSession, type Tokens } from './staff-session.js';

/** The slices of the reports API and the drawer shift that the page shows. */
interface DayReport {
  businessDay: string;
  sales: { netSales: number; orders: number; averageTicket: number; tips: number };
  openOrders: { count: number; due: number };
  adjustments: { discountAmount: number; voidedValue: number };
  payments: Array<{ name: string; net: number }>;
}
interface HourlySales {
  rows: Array<{ period: string; netSales: number }>;
  totals: { netSales: number };
}
interface Timing {
  name: string | null;
  p90Ms: number;
  averageMs: number;
  items: number;
}
interface KitchenReport {
  dishes: Timing[];
  stations: Timing[];
}
interface StaffAdjustments {
  byStaff: Array<{
    displayName: string | null;
    discounts: number;
    discountAmount: number;
    voids: number;
    voidedValue: number;
  }>;
}
/** GET /shifts?status=open: the drawer shift's figures as GET /shifts/:id computes them. */
interface OpenShifts {
  items: Array<{ expectedCash: number; cashTips: number }>;
}
interface Figures {
  day: DayReport;
  today: HourlySales;
  lastWeek: HourlySales;
  kitchen: KitchenReport;
  adjustments: StaffAdjustments;
  drawer: OpenShifts['items'][number] | undefined;
}

const ORDER_EVENTS = ['order.paid', 'order.status_changed', 'order.updated', 'order.item_status_changed'];

const currency = pageData('currency');
const money = (minor: number) => formatMinorUnits(minor, currency);
const session = new StaffSession();
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
  session.signIn().then(
    (outcome) => {
      if (outcome === 'code-needed') {
        byId('code-field').hidden = false;
        byId('code').focus();
      } else begin(session.tokens!);
    },
    (error: Error) => {
      status.textContent = error instanceof TypeError ? 'No connection to the server.' : error.message;
    },
  );
}

function begin(tokens: Tokens): void {
  byId('code-field').hidden = true;
  byId<HTMLInputElement>('password').value = '';
  byId<HTMLInputElement>('code').value = '';
  if (tokens.user.role !== 'manager' && tokens.user.role !== 'admin') {
    session.tokens = null;
    byId('sign-in-status').textContent = 'This page is for managers and admins.';
    return;
  }
  byId('who').textContent = tokens.user.displayName;
  byId('sign-in').hidden = true;
  byId('dashboard').hidden = false;
  byId('sign-out').hidden = false;
  follow(tokens);
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
function follow(tokens: Tokens): void {
  const live = openSocket({ token: tokens.accessToken });
  socket = live;
  for (const type of ORDER_EVENTS) live.on(type, scheduleLoad);
  live.on('connect_error', (error: Error) => {
    if (error.message !== 'UNAUTHORIZED' || !session.tokens) return;
    session.renew().then((renewed) => {
      live.auth = { token: renewed.accessToken };
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
  const day = await session.read<DayReport>('/api/v1/reports/shift');
  const range = (from: string) => `from=${from}&to=${from}`;
  const [today, lastWeek, kitchen, adjustments, drawers] = await Promise.all([
    session.read<HourlySales>(`/api/v1/reports/sales?groupBy=hour&${range(day.businessDay)}`),
    session.read<HourlySales>(`/api/v1/reports/sales?groupBy=hour&${range(addDays(day.businessDay, -7))}`),
    session.read<KitchenReport>(`/api/v1/reports/kitchen?${range(day.businessDay)}`),
    session.read<StaffAdjustments>(`/api/v1/reports/discounts-and-voids?${range(day.businessDay)}`),
    session.read<OpenShifts>('/api/v1/shifts?status=open&perPage=1'),
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
    (error: Error) => {
      if (!session.tokens) signOut();
      else byId('load-status').textContent = `Could not load the figures: ${error.message}`;
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
