import { as, Server, Session } from './clients';

/**
 * Headquarters' dish, payment-method and tax reports for one site, next to the site's own reports of the same
 * days, each put in one comparable shape: rows by name (a dish's variations flattened), figures as numbers. The
 * chain's reports key dishes by name and variation, methods by name and kind, rates by name and percent, so the
 * site's rows are added up by those keys too (the same thing for a site whose names are its own).
 */
export interface MixReports {
  dishes: Array<Record<string, string | number>>;
  modifiers: Array<Record<string, string | number>>;
  dishTotals: Record<string, number>;
  methods: Array<Record<string, string | number>>;
  methodTotals: Record<string, number>;
  taxes: Array<Record<string, string | number>>;
  taxesByDay: Array<Record<string, string | number>>;
  taxTotals: Record<string, number>;
}

const DISH = ['quantity', 'revenue', 'priceRuleDiscount'] as const;
const MODIFIER = ['quantity', 'revenue'] as const;
const METHOD = ['payments', 'received', 'refunds', 'refunded', 'change', 'tips', 'net'] as const;
const TAX = ['net', 'tax', 'gross'] as const;

type Row = Record<string, unknown>;

/** Rows added up by the given keys, sorted by them; figures as listed, others dropped. */
function sumBy(
  rows: Row[],
  keys: readonly string[],
  figures: readonly string[],
): Array<Record<string, string | number>> {
  const sums = new Map<string, Record<string, string | number>>();
  for (const row of rows) {
    const id = JSON.stringify(keys.map((key) => row[key]));
    const sum = sums.get(id) ?? {
      ...Object.fromEntries(keys.map((key) => [key, row[key] as string | number])),
      ...Object.fromEntries(figures.map((figure) => [figure, 0])),
    };
    for (const figure of figures) sum[figure] = Number(sum[figure]) + Number(row[figure]);
    sums.set(id, sum);
  }
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, sum]) => sum);
}

const pick = (row: Row, figures: readonly string[]): Record<string, number> =>
  Object.fromEntries(figures.map((figure) => [figure, Number(row[figure] ?? 0)]));

/** The only currency's totals of an HQ report (zeros with none); more than one currency fails the comparison. */
function onlyTotals(totals: Row[], figures: readonly string[]): Record<string, number> {
  if (totals.length > 1) return { currencies: totals.length };
  return pick(totals[0] ?? {}, figures);
}

/** The site's own GET /reports/dishes, /payment-methods and /taxes of `from` to `to`. */
export async function siteMixReports(
  site: Server,
  session: Session,
  from: string,
  to: string,
): Promise<MixReports> {
  const get = async (path: string) =>
    (await as(site, session).get(`/api/v1/reports/${path}?from=${from}&to=${to}`).expect(200)).body as Row;
  const [dishes, methods, taxes] = await Promise.all([get('dishes'), get('payment-methods'), get('taxes')]);
  const variations = (dishes.dishes as Row[]).flatMap((dish) =>
    (dish.variations as Row[]).map((variation) => ({
      ...variation,
      variationName: variation.name,
      name: dish.name,
    })),
  );
  return {
    dishes: sumBy(variations, ['name', 'variationName'], DISH),
    modifiers: sumBy(dishes.modifiers as Row[], ['groupName', 'name'], MODIFIER),
    dishTotals: pick(dishes.totals as Row, DISH),
    methods: sumBy(methods.methods as Row[], ['name', 'kind'], METHOD),
    methodTotals: pick(methods.totals as Row, METHOD),
    taxes: sumBy(taxes.rows as Row[], ['name', 'percent'], TAX),
    taxesByDay: sumBy(taxes.rows as Row[], ['businessDay', 'name', 'percent'], TAX),
    taxTotals: pick(taxes.totals as Row, TAX),
  };
}

/** Headquarters' GET /hq/reports/dishes, /payment-methods and /taxes for one site, from `from` to `to`. */
export async function hqMixReports(
  hq: Server,
  session: Session,
  siteId: string,
  from: string,
  to: string,
): Promise<MixReports> {
  const get = async (path: string, groupBy?: string) =>
    (
      await as(hq, session)
        .get(
          `/api/v1/hq/reports/${path}?from=${from}&to=${to}&siteId=${siteId}${groupBy ? `&groupBy=${groupBy}` : ''}`,
        )
        .expect(200)
    ).body as Row;
  const [dishes, methods, taxes, taxesByDay] = await Promise.all([
    get('dishes'),
    get('payment-methods'),
    get('taxes'),
    get('taxes', 'day'),
  ]);
  return {
    dishes: sumBy(dishes.dishes as Row[], ['name', 'variationName'], DISH),
    modifiers: sumBy(dishes.modifiers as Row[], ['groupName', 'name'], MODIFIER),
    dishTotals: onlyTotals(dishes.totals as Row[], DISH),
    methods: sumBy(methods.methods as Row[], ['name', 'kind'], METHOD),
    methodTotals: onlyTotals(methods.totals as Row[], METHOD),
    taxes: sumBy(taxes.rows as Row[], ['name', 'percent'], TAX),
    taxesByDay: sumBy(taxesByDay.rows as Row[], ['businessDay', 'name', 'percent'], TAX),
    taxTotals: onlyTotals(taxes.totals as Row[], TAX),
  };
}

/** The Z report of `day` at headquarters (from the site's `day_closed` fact), next to the site's own. */
export async function zReportsOf(
  site: Server,
  siteSession: Session,
  hq: Server,
  hqSession: Session,
  siteId: string,
  day: string,
): Promise<{ own: Row; atHq: Row[] }> {
  const own = (await as(site, siteSession).get(`/api/v1/business-days/${day}/z-report`).expect(200))
    .body as Row;
  const kept = await as(hq, hqSession)
    .get(`/api/v1/hq/sites/${siteId}/z-reports?from=${day}&to=${day}`)
    .expect(200);
  return { own, atHq: (kept.body.items as Row[]).map((item) => item.report as Row) };
}

/**
 * An order paid in part by `first`, that payment refunded before the close (the payment-method report counts
 * both, the sales report neither), then paid in full by `then` and closed.
 */
export async function refundBeforeClose(
  site: Server,
  [waiter, manager]: [Session, Session],
  orderId: string,
  [first, then]: [string, string],
): Promise<void> {
  const payment = await as(site, waiter)
    .post(`/api/v1/orders/${orderId}/payments`)
    .send({ methodId: first, amount: 500 })
    .expect(201);
  await as(site, manager)
    .post(`/api/v1/payments/${payment.body.id as string}/refund`)
    .send({ amount: 500, reason: 'paid with the wrong card' })
    .expect(201);
  const order = (await as(site, waiter).get(`/api/v1/orders/${orderId}`).expect(200)).body as { due: number };
  await as(site, waiter)
    .post(`/api/v1/orders/${orderId}/payments`)
    .send({ methodId: then, amount: order.due })
    .expect(201);
  await as(site, waiter).patch(`/api/v1/orders/${orderId}/status`).send({ status: 'closed' }).expect(200);
}
