import { useEffect, useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
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
}

/** The reports that are tables, by the path of the route that answers each (and its CSV). */
const ROUTES = {
  dishes: '/api/v1/reports/dishes',
  staff: '/api/v1/reports/staff',
  methods: '/api/v1/reports/payment-methods',
  taxes: '/api/v1/reports/taxes',
  giftCards: '/api/v1/reports/gift-cards',
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

const money = (minor: number) => formats.money(minor);
const count = (value: number) => formats.number(value);
const label = (key: string) => t(`backOffice.reportsScreens.reports.${key}`);

/** The dishes, staff, payment methods, taxes and gift cards of a range, read again with every `version`. */
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
    ]).then(
      ([dishes, staff, methods, taxes, giftCards]) => {
        setTables({ dishes, staff, methods, taxes, giftCards });
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
  const { dishes, staff, methods, taxes, giftCards } = tables;
  const downloads = (report: Report) => (
    <ReportDownloads
      fileName={`${report}-${range.from}-${range.to}`}
      read={(format) =>
        session.api.GET(ROUTES[report], { params: { query: { ...range, format } }, parseAs: 'blob' })
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
        <FigureTable
          label={label('reports.dishes')}
          head={[label('columns.dish'), label('columns.quantity'), label('columns.revenue')]}
          rows={dishes.dishes.map((dish) => [dish.name, count(dish.quantity), money(dish.revenue)])}
          numeric={[1, 2]}
        />,
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
        <FigureTable
          label={label('reports.methods')}
          head={['method', 'payments', 'received', 'refunded', 'change', 'tips', 'net'].map((key) =>
            label(`columns.${key}`),
          )}
          rows={methods.methods.map((method) => [
            method.name,
            count(method.payments),
            money(method.received),
            money(method.refunded),
            money(method.change),
            money(method.tips),
            money(method.net),
          ])}
          numeric={[1, 2, 3, 4, 5, 6]}
        />,
      )}
      {section(
        'taxes',
        <FigureTable
          label={label('reports.taxes')}
          head={['day', 'rate', 'net', 'tax', 'gross'].map((key) => label(`columns.${key}`))}
          rows={taxes.rows.map((row) => [
            row.businessDay,
            `${row.name} (${formats.percent(row.percent)})`,
            money(row.net),
            money(row.tax),
            money(row.gross),
          ])}
          numeric={[2, 3, 4]}
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
    </div>
  );
}
