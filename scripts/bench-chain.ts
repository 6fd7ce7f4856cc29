/**
 * The chain scenario of `npm run bench` (service only): headquarters (POS_ROLE=hq) on a fresh database of its own,
 * first taking sales facts from `--chain-sites` sites that stream at once, then answering its consolidated sales
 * report over a year of synthetic facts of `--report-sites` sites. The sites are this process: each is added at
 * headquarters, given a credential, and posts batches of 100 facts as a site's service does
 * (src/site-link/sales-upstream.ts), one batch after another. The year is written by SQL, as many facts per site and day as `--report-facts-per-day`.
 * Last, a catalog publication to sites that are services of their own (bench-publication.ts).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createDatabase, openSql, Query } from './bench-database';
import { Api, createApi } from './bench-http';
import { cleanups, median, percentile, round1 } from './bench-lib';
import { publication, PublicationOptions } from './bench-publication';
import { startServer, stopServer } from './bench-servers';

export interface ChainOptions extends PublicationOptions {
  database: string | null;
  redis: string | null;
  chainSites: number;
  chainSeconds: number;
  reportSites: number;
  reportDays: number;
  reportFactsPerDay: number;
}

const BATCH = 100;
const GROUPS = 10;
const REPORT_TRIES = 5;
const FIRST_DAY = '2025-01-01';
/** Dishes (with their variations) each synthetic site sells each day, of a menu of twice as many. */
const DISHES_PER_DAY = 30;

export async function chain(options: ChainOptions) {
  const database = await createDatabase(options.database);
  cleanups.push(() => database.drop());
  const password = randomBytes(12).toString('hex');
  const hq = await startServer('src/main.js', {
    DATABASE_URL: database.url,
    REDIS_URL: options.redis ?? undefined,
    POS_ROLE: 'hq',
    JWT_SECRET: randomBytes(32).toString('hex'),
    PIN_PEPPER: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: password,
  });
  try {
    const api = createApi(hq.baseUrl);
    const { accessToken } = await api.must<{ accessToken: string }>(
      200,
      'POST',
      '/api/v1/auth/login',
      undefined,
      {
        username: 'admin',
        password,
      },
    );
    const ingest = await streamFacts(api, accessToken, database.url, options);
    const report = await consolidatedReport(api, accessToken, database.url, options);
    const published = await publication(api, accessToken, hq.baseUrl, database.url, options);
    return { ...ingest, ...report, ...published };
  } finally {
    await stopServer(hq);
  }
}

/** `--chain-sites` linked sites post batches back to back for `--chain-seconds`: facts kept per second. */
async function streamFacts(api: Api, token: string, url: string, options: ChainOptions) {
  // Credentials written as headquarters keeps them (a hash): POST /hq/link allows 10 links per address in 10 minutes.
  const credentials: string[] = [];
  const sql = await openSql(url);
  try {
    for (let i = 0; i < options.chainSites; i++) {
      const { site } = await api.must<{ site: { id: string } }>(201, 'POST', '/api/v1/hq/sites', token, {
        ...siteIdentity(i),
        groupIds: [],
      });
      const credential = `site_${randomBytes(32).toString('base64url')}`;
      await sql.query('UPDATE hq_sites SET credential_hash = ?, link_code_hash = NULL WHERE id = ?', [
        createHash('sha256').update(credential).digest('hex'),
        site.id,
      ]);
      credentials.push(credential);
    }
  } finally {
    await sql.close();
  }
  const latenciesMs: number[] = [];
  let accepted = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.chainSeconds * 1000;
  await Promise.all(
    credentials.map(async (credential) => {
      for (let seq = 1; performance.now() < deadline; seq += BATCH) {
        const sentAt = performance.now();
        const reply = await api.call('POST', '/api/v1/hq/sales-facts', undefined, salesFacts(seq), {
          'X-Site-Credential': credential,
        });
        latenciesMs.push(performance.now() - sentAt);
        if (reply.status === 200) accepted += (reply.body as { accepted: number }).accepted;
        else errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    factsPerSecond: round1(accepted / seconds),
    batchP50Ms: percentile(latenciesMs, 50),
    batchP99Ms: percentile(latenciesMs, 99),
    factsAccepted: accepted,
    batchErrors: errors,
  };
}

/** GET /hq/reports/sales over the whole synthetic year, by each grouping: the median of a few tries, ms. */
async function consolidatedReport(api: Api, token: string, url: string, options: ChainOptions) {
  const sql = await openSql(url);
  try {
    await seedYear(sql.query, options);
  } finally {
    await sql.close();
  }
  const last = new Date(Date.parse(FIRST_DAY) + (options.reportDays - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const timed = async (groupBy: string, report = 'sales') => {
    const tries: number[] = [];
    for (let i = 0; i < REPORT_TRIES; i++) {
      const sentAt = performance.now();
      const path = `/api/v1/hq/reports/${report}?from=${FIRST_DAY}&to=${last}${groupBy ? `&groupBy=${groupBy}` : ''}`;
      await api.must(200, 'GET', path, token);
      tries.push(performance.now() - sentAt);
    }
    return round1(median(tries)!);
  };
  return {
    reportSiteMs: await timed('site'),
    reportGroupMs: await timed('group'),
    reportDayMs: await timed('day'),
    reportChannelMs: await timed('channel'),
    reportDishMs: await timed('', 'dishes'),
    reportFacts: options.reportSites * options.reportDays * options.reportFactsPerDay,
  };
}

/**
 * `--report-sites` sites in ten groups and their year of sales: each day `--report-facts-per-day` facts, a sale
 * of 25.00 in nine of ten, a refund of 5.00 in the tenth, one channel in five not `own`. Generated by the database.
 */
async function seedYear(query: Query, options: ChainOptions) {
  const now = new Date().toISOString();
  const groupIds = Array.from({ length: GROUPS }, () => randomUUID());
  for (const [i, id] of groupIds.entries()) {
    await query('INSERT INTO hq_site_groups (id, name, parent_id, created_at) VALUES (?, ?, NULL, ?)', [
      id,
      `Group ${i}`,
      now,
    ]);
  }
  for (let i = 0; i < options.reportSites; i++) {
    const id = randomUUID();
    const site = siteIdentity(i + options.chainSites);
    await query(
      `INSERT INTO hq_sites (id, name, timezone, currency, country, tax_id, address, sales_cursor, created_at,
         updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, 0, ?, ?)`,
      [id, site.name, site.timezone, site.currency, site.country, JSON.stringify(site.address), now, now],
    );
    await query('INSERT INTO hq_site_memberships (site_id, group_id, position) VALUES (?, ?, 0)', [
      id,
      groupIds[i % GROUPS],
    ]);
  }
  const postgres = !(await isSqlite(query));
  const numbers = (name: string, count: number) =>
    postgres
      ? `generate_series(0, ${count - 1}) AS ${name}(n)`
      : `(WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < ${count - 1}) SELECT n FROM c) ${name}`;
  const day = postgres
    ? `to_char(DATE '${FIRST_DAY}' + d.n, 'YYYY-MM-DD')`
    : `date('${FIRST_DAY}', '+' || d.n || ' days')`;
  const refund = `(k.n % 10 = 9)`;
  const money = (sale: number, refunded: number) => `CASE WHEN ${refund} THEN ${refunded} ELSE ${sale} END`;
  await query(
    `INSERT INTO hq_sales_facts (site_id, seq, type, occurred_at, business_day, currency, channel, order_id, orders,
       gross, discounts, service_charge, tax, refunds, net_sales, tips, detail, received_at)
     SELECT s.id, d.n * ${options.reportFactsPerDay} + k.n + 1, CASE WHEN ${refund} THEN 'refund' ELSE 'sale' END,
       ?, ${day}, s.currency, CASE WHEN k.n % 5 = 0 THEN 'lieferando' ELSE 'own' END, NULL,
       ${money(1, 0)}, ${money(2500, 0)}, 0, 0, ${money(399, -80)}, ${money(0, 500)}, ${money(2500, -500)},
       ${money(100, 0)}, '{}', ?
     FROM hq_sites s CROSS JOIN ${numbers('d', options.reportDays)} CROSS JOIN ${numbers('k', options.reportFactsPerDay)}
     WHERE s.sales_cursor = 0 AND s.credential_hash IS NULL`,
    [now, now],
  );
  // The days' sums, as headquarters adds the facts to them when they arrive.
  await query(
    `INSERT INTO hq_sales_days (site_id, business_day, currency, channel, orders, gross, discounts, service_charge,
       tax, refunds, net_sales, tips)
     SELECT site_id, business_day, currency, channel, SUM(orders), SUM(gross), SUM(discounts), SUM(service_charge),
       SUM(tax), SUM(refunds), SUM(net_sales), SUM(tips)
     FROM hq_sales_facts WHERE received_at = ? GROUP BY site_id, business_day, currency, channel`,
    [now],
  );
  // The dish report's days: DISHES_PER_DAY dishes a site and day, a third of them in a variation.
  await query(
    `INSERT INTO hq_sales_dish_days (site_id, business_day, currency, kind, name, detail, quantity, revenue,
       price_rule_discount)
     SELECT s.id, ${day}, s.currency, 'dish', 'Dish ' || ((d.n + k.n) % ${DISHES_PER_DAY * 2}),
       CASE WHEN k.n % 3 = 0 THEN 'Large' ELSE '' END, 1 + k.n % 4, (1 + k.n % 4) * 850, 0
     FROM hq_sites s CROSS JOIN ${numbers('d', options.reportDays)} CROSS JOIN ${numbers('k', DISHES_PER_DAY)}
     WHERE s.sales_cursor = 0 AND s.credential_hash IS NULL`,
  );
}

async function isSqlite(query: Query): Promise<boolean> {
  return query('SELECT sqlite_version()').then(
    () => true,
    () => false,
  );
}

function siteIdentity(i: number) {
  return {
    name: `Site ${String(i).padStart(3, '0')}`,
    address: [`Street ${i}`, '10115 Berlin'],
    taxId: null,
    timezone: 'Europe/Berlin',
    currency: i % 10 === 9 ? 'CHF' : 'EUR',
    country: i % 10 === 9 ? 'CH' : 'DE',
  };
}

/** A batch of sale facts from `seq` on, each with a receipt-sized detail. */
function salesFacts(seq: number) {
  const occurredAt = new Date().toISOString();
  const businessDay = occurredAt.slice(0, 10);
  return {
    facts: Array.from({ length: BATCH }, (_, i) => ({
      seq: seq + i,
      type: 'sale',
      occurredAt,
      businessDay,
      currency: 'EUR',
      channel: 'own',
      orderId: randomUUID(),
      figures: {
        orders: 1,
        gross: 2500,
        discounts: 0,
        serviceCharge: 0,
        tax: 399,
        refunds: 0,
        netSales: 2500,
        tips: 100,
      },
      detail: {
        lines: Array.from({ length: 4 }, (_, line) => ({
          name: `Dish ${line}`,
          quantity: 1,
          unitPrice: 625,
          total: 625,
        })),
        taxes: [{ percent: 19, net: 2101, tax: 399, gross: 2500 }],
        payments: [{ method: 'Card', kind: 'card', amount: 2500, tip: 100, change: 0 }],
      },
      // What it adds to the dish, payment-method and tax reports' days, as a site's service sends it.
      mix: {
        dishes: Array.from({ length: 4 }, (_, line) => ({
          name: `Dish ${line}`,
          variationName: '',
          quantity: 1,
          revenue: 625,
          priceRuleDiscount: 0,
        })),
        modifiers: [],
        payments: [
          {
            businessDay,
            method: 'Card',
            kind: 'card',
            payments: 1,
            received: 2600,
            change: 0,
            tips: 100,
            refunds: 0,
            refunded: 0,
          },
        ],
        taxes: [{ name: 'VAT', percent: 19, net: 2101, tax: 399, gross: 2500 }],
      },
    })),
  };
}
