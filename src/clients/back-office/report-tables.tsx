import { useEffect, useState } from 'preact/hooks';
import { formats, language, t } from '../../i18n/browser/page-i18n';
import { ApiError, ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { ReportDownloads } from './downloads';
import { FigureTable } from './paged-list';

/** A period of business days, both included. */
export interface Range {
  from: string;
  to: string;
}

interface Tables {
  dishes: Schemas['DishesReportView'];
  staff: Schemas['StaffReportView'];
  methods: Schemas['PaymentMethodsReportView'];
  taxes: Schemas['TaxReportView'];
  giftCards: Schemas['GiftCardReportView'];
  labour: Schemas['LabourReportView'];
  /** Null: the range is longer than a tip report covers. */
  tips: Schemas['TipReportView'] | null;
}

/** The reports that are tables, by the path of the route that answers each (and its CSV). */
const ROUTES = {
  dishes: '/api/v1/reports/dishes',
  staff: '/api/v1/reports/staff',
  methods: '/api/v1/reports/payment-methods',
  taxes: '/api/v1/reports/taxes',
  giftCards: '/api/v1/reports/gift-cards',
  labour: '/api/v1/reports/labour',
  tips: '/api/v1/reports/tips',
} as const;
type Report = keyof typeof ROUTES;

/** The gift-card report's figures, in the order a manager reconciles them. */
const GIFT_CARD_FIGURES = [
  'openingOutstanding',
  'sold',
  'soldForMoney',
  'given',
  'redeemed',
  'refunded',
  'voided',
  'adjusted',
  'closingOutstanding',
  'outstandingOnExpiredCards',
] as const;

/** The most business days one tip report covers (the API's limit). */
const MAX_TIP_DAYS = 31;
const DAY_MS = 86_400_000;
const daysIn = (range: Range) => (Date.parse(range.to) - Date.parse(range.from)) / DAY_MS + 1;

const money = (minor: number) => formats.money(minor);
const count = (value: number) => formats.number(value);
const label = (key: string) => t(`backOffice.reportsScreens.reports.${key}`);

/** The dishes, staff, payment methods, taxes, gift cards, labour and tips of a range, read again with every `version`. */
export function ReportTables({
  session,
  range,
  version,
}: {
  session: StaffSession;
  range: Range;
  version: number;
}) {
  const [tables, setTables] = useState<Tables | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    const query = { params: { query: range } };
    const api = session.api;
    Promise.all([
      ok(api.GET(ROUTES.dishes, query)),
      ok(api.GET(ROUTES.staff, query)),
      ok(api.GET(ROUTES.methods, query)),
      ok(api.GET(ROUTES.taxes, query)),
      ok(api.GET(ROUTES.giftCards, query)),
      ok(api.GET(ROUTES.labour, query)),
      daysIn(range) <= MAX_TIP_DAYS ? ok(api.GET(ROUTES.tips, query)) : null,
    ]).then(
      ([dishes, staff, methods, taxes, giftCards, labour, tips]) => {
        setTables({ dishes, staff, methods, taxes, giftCards, labour, tips });
        setProblem('');
      },
      (error: unknown) =>
        setProblem(
          t('backOffice.form.notLoaded', { problem: error instanceof ApiError ? error.message : '' }),
        ),
    );
  }, [range, version, session]);

  if (problem) return <p class="problem">{problem}</p>;
  if (!tables) return <p class="muted">{t('backOffice.form.loading')}</p>;
  const { dishes, staff, methods, taxes, giftCards, labour, tips } = tables;
  const downloads = (report: Report) => (
    <ReportDownloads
      fileName={`${report}-${range.from}-${range.to}`}
      read={(format) =>
        // The PDF in the language the screen is in; the CSV's names are the API's whatever it says.
        session.api.GET(ROUTES[report], {
          params: { query: { ...range, format, lang: language } },
          parseAs: 'blob',
        })
      }
    />
  );
  const section = (report: Report, table: preact.JSX.Element) => (
    <section class="card wide" aria-labelledby={`report-${report}`}>
      <h2 id={`report-${report}`}>{label(`reports.${report}`)}</h2>
      {table}
      {downloads(report)}
    </section>
  );

  return (
    <div class="grid">
      {section(
        'dishes',
        <DishTable label={label('reports.dishes')} lines={dishLines(dishes)} money={money} />,
      )}
      {section(
        'staff',
        <FigureTable
          label={label('reports.staff')}
          head={['waiter', 'orders', 'revenue', 'averageTicket', 'tips'].map((key) =>
            label(`columns.${key}`),
          )}
          rows={staff.staff.map((waiter) => [
            waiter.displayName ?? label('unknownWaiter'),
            count(waiter.orders),
            money(waiter.revenue),
            money(waiter.averageTicket),
            money(waiter.tips),
          ])}
          numeric={[1, 2, 3, 4]}
        />,
      )}
      {section(
        'methods',
        <MethodTable label={label('reports.methods')} lines={methods.methods} money={money} />,
      )}
      {section(
        'taxes',
        <TaxTable
          label={label('reports.taxes')}
          lead={label('columns.day')}
          lines={taxes.rows.map((row) => ({ ...row, lead: formats.day(row.businessDay) }))}
          money={money}
        />,
      )}
      {section(
        'giftCards',
        <FigureTable
          label={label('reports.giftCards')}
          head={[label('columns.figure'), label('columns.amount')]}
          rows={GIFT_CARD_FIGURES.map((key) => [label(`giftCardFigures.${key}`), money(giftCards[key])])}
          numeric={[1]}
        />,
      )}
      {section('labour', <LabourTable report={labour} />)}
      {tips ? (
        section('tips', <TipsTable report={tips} />)
      ) : (
        <section class="card wide" aria-labelledby="report-tips">
          <h2 id="report-tips">{label('reports.tips')}</h2>
          <p class="muted">{t('backOffice.reportsScreens.reports.tipsTooLong', { days: MAX_TIP_DAYS })}</p>
        </section>
      )}
    </div>
  );
}

/** Labour by business day beside net sales, and the range's total. */
function LabourTable({ report }: { report: Schemas['LabourReportView'] }) {
  const percent = (value: number | null) => (value === null ? '' : formats.percent(value));
  const cells = (figures: Schemas['LabourFiguresView']) => [
    formats.number(figures.hours),
    formats.number(figures.overtimeHours),
    money(figures.labourCost),
    money(figures.salesExclTax),
    percent(figures.labourPercent),
  ];
  return (
    <FigureTable
      label={label('reports.labour')}
      head={['day', 'hours', 'overtimeHours', 'labourCost', 'net', 'labourPercent'].map((key) =>
        label(`columns.${key}`),
      )}
      rows={[
        ...report.rows.map((row) => [formats.day(row.businessDay ?? ''), ...cells(row)]),
        [label('total'), ...cells(report.totals)],
      ]}
      numeric={[1, 2, 3, 4, 5]}
    />
  );
}

/** Tips per person and business day as the rules shared them, and the range's total. */
function TipsTable({ report }: { report: Schemas['TipReportView'] }) {
  const people = report.days.flatMap((day) =>
    day.people.map((person) => ({ ...person, day: day.businessDay })),
  );
  const figures = ['earned', 'givenOut', 'received', 'paidOut', 'balance'] as const;
  const total = (figure: (typeof figures)[number]) =>
    money(people.reduce((sum, person) => sum + person[figure], 0));
  return (
    <FigureTable
      label={label('reports.tips')}
      head={['day', 'person', 'jobs', 'earned', 'givenOut', 'tipsReceived', 'paidOut', 'balance'].map((key) =>
        label(`columns.${key}`),
      )}
      rows={[
        ...people.map((person) => [
          formats.day(person.day),
          person.displayName ?? label('unknownWaiter'),
          person.jobs.join(', '),
          ...figures.map((figure) => money(person[figure])),
        ]),
        [label('total'), '', '', ...figures.map(total)],
      ]}
      numeric={[3, 4, 5, 6, 7]}
    />
  );
}

/**
 * The site's dishes report as one table that adds up: a line per dish and size (variation), a line per modifier
 * option, then the item sales, which is the sales report's item sales.
 */
function dishLines(report: Schemas['DishesReportView']): DishLine[] {
  return [
    ...report.dishes.flatMap((dish) =>
      dish.variations.map((variation) => ({
        name: variation.name ? `${dish.name} (${variation.name})` : dish.name,
        quantity: variation.quantity,
        revenue: variation.revenue,
      })),
    ),
    ...report.modifiers.map((option) => ({
      name: `${option.groupName}: ${option.name}`,
      quantity: option.quantity,
      revenue: option.revenue,
    })),
    { name: label('columns.itemSales'), revenue: report.itemSales },
  ];
}

/** A payment method's figures, in the order its table shows them. */
const METHOD_FIGURES = ['payments', 'received', 'refunded', 'change', 'tips', 'net'] as const;

/**
 * A line of one of the tables below: at a site a dish, method or rate of the range; at headquarters also a dish's
 * variation, a modifier option or a currency's total, each in the one currency of its table. `lead` fills the
 * first column when the table has one (a business day, a site).
 */
interface Line {
  name: string;
  lead?: string;
}
export interface DishLine extends Line {
  /** Absent on the item sales line, which adds up dishes and options, whose units do not add. */
  quantity?: number;
  revenue: number;
}
export type MethodLine = Line & Record<(typeof METHOD_FIGURES)[number], number>;
export interface TaxLine extends Line {
  /** Absent for a total. */
  percent?: number;
  net: number;
  tax: number;
  gross: number;
}

interface TableProps<T> {
  label: string;
  lines: T[];
  /** Amounts as the table's currency writes them. */
  money: (minor: number) => string;
  /** The head of a first column that holds each line's `lead`; no such column without it. */
  lead?: string;
  empty?: string;
}

/** The table of `lines`, with the lead column first when there is one. */
function LinesTable<T extends Line>({
  label: tableLabel,
  lines,
  lead,
  empty,
  head,
  cells,
}: Omit<TableProps<T>, 'money'> & { head: string[]; cells: (line: T) => string[] }) {
  const first = lead === undefined ? 0 : 1;
  return (
    <FigureTable
      label={tableLabel}
      head={[...(lead === undefined ? [] : [lead]), ...head]}
      rows={lines.map((line) => [...(lead === undefined ? [] : [line.lead ?? '']), ...cells(line)])}
      numeric={head.slice(1).map((_, index) => first + index + 1)}
      empty={empty}
    />
  );
}

/** Dishes (or variations, options) with the quantity sold and its revenue. */
export function DishTable({ money: amount, ...props }: TableProps<DishLine>) {
  return (
    <LinesTable
      {...props}
      head={[label('columns.dish'), label('columns.quantity'), label('columns.revenue')]}
      cells={(dish) => [
        dish.name,
        dish.quantity === undefined ? '' : count(dish.quantity),
        amount(dish.revenue),
      ]}
    />
  );
}

/** Payment methods with their payments, what they received, refunded, gave as change and took as tips, and net. */
export function MethodTable({ money: amount, ...props }: TableProps<MethodLine>) {
  return (
    <LinesTable
      {...props}
      head={['method', ...METHOD_FIGURES].map((key) => label(`columns.${key === 'net' ? 'takings' : key}`))}
      cells={(method) => [
        method.name,
        count(method.payments),
        ...METHOD_FIGURES.slice(1).map((key) => amount(method[key])),
      ]}
    />
  );
}

/** Tax rates (name and percent) with their net, tax and gross. */
export function TaxTable({ money: amount, ...props }: TableProps<TaxLine>) {
  return (
    <LinesTable
      {...props}
      head={['rate', 'net', 'tax', 'gross'].map((key) => label(`columns.${key}`))}
      cells={(row) => [
        row.percent === undefined ? row.name : `${row.name} (${formats.percent(row.percent)})`,
        amount(row.net),
        amount(row.tax),
        amount(row.gross),
      ]}
    />
  );
}
