import { as, loginAdmin, Session } from './support/clients';
import {
  figuresOf,
  handSentSite as handSentSiteAt,
  newOrder,
  openTill,
  saleFact,
  salesAtHq,
  settle,
  Till,
} from './support/chain-sales';
import { linkSite, Site, SITE_IDENTITY, startSite, stopSites } from './support/chain-sites';
import { ServiceProcess, startService } from './support/processes';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { createTestDatabase, TestDatabase } from './support/test-database';

const SALES_FACTS = /^POST \/api\/v1\/hq\/sales-facts /;

/**
 * Headquarters keeps only what is true of a site's sales: each fact checked at the door (its currency, its
 * figures as the site's own reports make them, its seq once in its batch, every number within its column), kept
 * once per stream of the site's database (a database replaced and linked again starts afresh), and counted once
 * when headquarters' reply is lost after its commit, whether the link was cut or the site died waiting for it.
 * Headquarters and the site run as processes of their own, the site reaching headquarters through a TCP proxy.
 */
describe('Headquarters and a site: only true facts, each once', () => {
  let hqDatabase: TestDatabase;
  let hq: ServiceProcess;
  let hqAdmin: Session;
  let proxy: TcpProxy;
  let site: Site;
  let till: Till;

  beforeAll(async () => {
    hqDatabase = await createTestDatabase();
    [hq, site] = await Promise.all([
      startService({ DATABASE_URL: hqDatabase.url, POS_ROLE: 'hq' }),
      startSite(SITE_IDENTITY.name),
    ]);
    hqAdmin = await loginAdmin(hq);
    proxy = await startTcpProxy('127.0.0.1', Number(new URL(hq.url).port));
    till = await openTill(site.service, site.admin);
    await linkSite(hq, hqAdmin, site, `http://127.0.0.1:${proxy.port}`);
  }, 180_000);

  afterAll(async () => {
    await stopSites(site ? [site] : []);
    await proxy?.close();
    hq?.child.kill('SIGTERM');
    await hq?.exited;
    await hqDatabase?.drop();
  });

  const sales = () => salesAtHq(till, site.id, () => ({ server: hq, session: hqAdmin }));

  /** A site of headquarters whose facts the test sends by hand, and its figures in headquarters' report. */
  async function handSentSite(name: string) {
    const site = await handSentSiteAt(hq, hqAdmin, name);
    return {
      ...site,
      figures: async () => {
        const report = await as(hq, hqAdmin)
          .get(`/api/v1/hq/reports/sales?from=${till.today}&to=${till.today}&groupBy=site`)
          .expect(200);
        return figuresOf(report.body.rows.find((row: { key: string }) => row.key === site.id) ?? {});
      },
    };
  }

  /** When the hand-sent facts happened: a fact sent again is the same fact. */
  const occurredAt = new Date().toISOString();

  const sale = (seq: number) => saleFact(seq, till.today, occurredAt);
  const refund = (seq: number) => ({
    ...sale(seq),
    type: 'refund',
    figures: {
      orders: 0,
      gross: 0,
      discounts: 0,
      serviceCharge: 0,
      tax: -16,
      refunds: 100,
      netSales: -100,
      tips: 0,
    },
    mix: {
      dishes: [],
      modifiers: [],
      payments: [],
      taxes: [{ name: 'VAT', percent: 19, net: -84, tax: -16, gross: -100 }],
    },
  });
  const closed = (seq: number, type: string, detail: object) => ({
    ...sale(seq),
    type,
    channel: null,
    figures: {
      orders: 0,
      gross: 0,
      discounts: 0,
      serviceCharge: 0,
      tax: 0,
      refunds: 0,
      netSales: 0,
      tips: 0,
    },
    detail,
    mix: undefined,
  });

  it('refuses a fact no site could send, naming it, and keeps nothing of its batch', async () => {
    const other = await handSentSite('Zur Linde, Hafen');
    const good = sale(1);
    const shift = { id: '0b7a3c52-8f1e-4d3a-9c1b-2f6e8d4a7b10', expectedCash: 1000, countedCash: 950 };
    const refusals: Array<[object, string, string]> = [
      [{ facts: [{ ...good, currency: 'ZZZ' }] }, 'facts[0].currency', 'site’s currency, EUR'],
      [{ facts: [good, { ...sale(2), currency: 'USD' }] }, 'facts[1].currency', 'EUR'],
      [
        { facts: [{ ...good, figures: { ...good.figures, gross: -1e12, netSales: -1e12 } }] },
        'facts[0].figures.gross',
        'not be negative',
      ],
      [
        { facts: [{ ...good, figures: { ...good.figures, netSales: 1e12 } }] },
        'facts[0].figures.netSales',
        'gross − discounts + serviceCharge',
      ],
      [
        { facts: [{ ...good, figures: { ...good.figures, discounts: 901, netSales: -1 } }] },
        'facts[0].figures.discounts',
        'not be more than gross',
      ],
      [{ facts: [{ ...good, figures: { ...good.figures, orders: 0 } }] }, 'facts[0].figures.orders', 'be 1'],
      [
        { facts: [{ ...refund(1), figures: { ...refund(1).figures, refunds: -100, netSales: 100 } }] },
        'facts[0].figures.refunds',
        'not be negative',
      ],
      [
        { facts: [{ ...refund(1), figures: { ...refund(1).figures, gross: 100 } }] },
        'facts[0].figures.gross',
        'be 0 on a refund',
      ],
      [
        { facts: [{ ...refund(1), mix: { ...refund(1).mix, dishes: good.mix.dishes } }] },
        'facts[0].mix.dishes',
        'only a sale',
      ],
      [
        { facts: [{ ...closed(1, 'order_cancelled', {}), figures: good.figures }] },
        'facts[0].figures.gross',
        'be 0',
      ],
      [
        { facts: [{ ...good, mix: { ...good.mix, taxes: [{ ...good.mix.taxes[0], gross: 1 }] } }] },
        'facts[0].mix.taxes[0].gross',
        'net + tax',
      ],
      [
        { facts: [{ ...good, figures: { ...good.figures, tax: 0, netSales: 900 } }] },
        'facts[0].mix.taxes',
        'sum to figures.tax',
      ],
      [{ facts: [good, sale(2), { ...sale(1), orderId: null }] }, 'facts[2].seq', 'repeats facts[0].seq'],
      [
        { facts: [closed(1, 'cash_shift_closed', { ...shift, id: 'x'.repeat(100) })] },
        'facts[0].detail.id',
        'UUID',
      ],
      [
        { facts: [closed(1, 'cash_shift_closed', { ...shift, countedCash: 2 ** 53 - 1 })] },
        'facts[0].detail.countedCash',
        'integer within',
      ],
      [
        { facts: [closed(1, 'day_closed', { number: 1, zReport: { number: 2 ** 40 } })] },
        'facts[0].detail.zReport.number',
        'from 0 to 2147483647',
      ],
      [{ facts: [{ ...good, seq: 2 ** 53 }] }, 'facts[0].seq', ''],
      [{ facts: [good], pendingBatches: 2 ** 31 }, 'pendingBatches', ''],
    ];
    for (const [body, field, says] of refusals) {
      const refused = await other.send(body);
      expect([field, refused.status, refused.body.error.code]).toEqual([field, 422, 'VALIDATION_ERROR']);
      expect(refused.body.error.details).toContainEqual({ field, message: expect.stringContaining(says) });
    }
    expect(await other.cursor()).toBe(0);
    expect((await other.figures()).orders).toBe(0);

    // The same facts in shape are kept, the most batches an integer column holds included; a repeat of one is
    // dropped, a "repeat" with other content refused (409) and nothing of its batch kept.
    const kept = await other.send({
      facts: [good, refund(2), closed(3, 'day_closed', { number: 1, zReport: { number: 1 } })],
      pendingBatches: 2 ** 31 - 1,
    });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ accepted: 3, repeated: 0, cursor: 3 });
    expect((await other.send({ facts: [good] }).expect(200)).body).toMatchObject({
      accepted: 0,
      repeated: 1,
    });
    const changed = await other.send({
      facts: [sale(4), { ...good, figures: { ...good.figures, gross: 9000, netSales: 9000 } }],
    });
    expect([changed.status, changed.body.error.code]).toEqual([409, 'CONFLICT']);
    expect(changed.body.error.message).toContain('facts[1] (seq 1)');
    expect(await other.figures()).toMatchObject({
      orders: 1,
      itemSales: 900,
      refunds: 100,
      salesInclTax: 800,
    });
    // Headquarters shows the refusal on the site until a later batch brings a fact.
    expect(await other.sales()).toMatchObject({
      cursor: 3,
      refusal: changed.body.error.message,
      refusedAt: expect.any(String),
    });
    expect((await other.send({ facts: [sale(4)] }).expect(200)).body).toMatchObject({ accepted: 1 });
    expect(await other.sales()).toMatchObject({ cursor: 4, refusal: null, refusedAt: null });
  });

  it('keeps a site’s facts per stream: a database replaced and linked again starts at seq 1 and loses no sale', async () => {
    const replaced = await handSentSite('Zur Linde, Dom');
    const [first, second] = ['2c1f4e2a-5b7d-4c3e-8a9f-1d2e3f4a5b6c', '7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b'];
    // A site that sent facts before it named its stream: the first stream it names is the same database's.
    expect((await replaced.send({ facts: [sale(1)] }).expect(200)).body).toMatchObject({ accepted: 1 });
    const named = await replaced.send({ stream: first, facts: [sale(1), sale(2)] }).expect(200);
    expect(named.body).toMatchObject({ accepted: 1, repeated: 1, cursor: 2 });

    // The database is replaced: the new one links again and its log starts at 1.
    await replaced.linkAgain();
    const fresh = await replaced.send({ stream: second, facts: [sale(1)] }).expect(200);
    expect(fresh.body).toMatchObject({ accepted: 1, repeated: 0, cursor: 1 });
    expect(await replaced.cursor()).toBe(1);
    expect((await replaced.figures()).orders).toBe(3);
    // Sent again, in the new stream, it is a repeat there.
    expect((await replaced.send({ stream: second, facts: [sale(1)] }).expect(200)).body).toMatchObject({
      accepted: 0,
      repeated: 1,
      cursor: 1,
    });

    // A forged seq far ahead shows only until the site's next batch: the cursor is where the database stands.
    const forged = await replaced
      .send({ stream: second, facts: [sale(Number.MAX_SAFE_INTEGER)] })
      .expect(200);
    expect(forged.body.cursor).toBe(Number.MAX_SAFE_INTEGER);
    const next = await replaced.send({ stream: second, facts: [sale(2)] }).expect(200);
    expect(next.body).toMatchObject({ accepted: 1, cursor: 2 });
    expect(await replaced.cursor()).toBe(2);
  });

  it('reports dishes and methods by what identifies them, never by name', async () => {
    const [north, south] = [await handSentSite('Zur Linde, Nord'), await handSentSite('Zur Linde, Süd')];
    const method = (key: string) => ({
      businessDay: till.today,
      methodKey: key,
      method: 'Card',
      kind: 'card',
      payments: 1,
      received: 900,
      change: 0,
      tips: 0,
      refunds: 0,
      refunded: 0,
    });
    const sold = (seq: number, dish: string, name: string, methodKey: string) => ({
      ...sale(seq),
      mix: {
        ...sale(seq).mix,
        dishes: [{ key: dish, name, variationName: '', quantity: 1, revenue: 900, priceRuleDiscount: 0 }],
        payments: [method(methodKey)],
      },
    });
    const [northCard, southCard] = [
      'site:1f0e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f',
      'site:2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
    ];
    // The catalog's burger, renamed at headquarters between two sales; each site's own fries, of one name.
    await north.send({ facts: [sold(1, 'hq:burger/', 'Burger', northCard)] }).expect(200);
    await north.send({ facts: [sold(2, 'hq:burger/', 'Beef Burger', northCard)] }).expect(200);
    await north
      .send({ facts: [sold(3, 'site:9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/', 'Fries', northCard)] })
      .expect(200);
    await south
      .send({ facts: [sold(1, 'site:3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a/', 'Fries', southCard)] })
      .expect(200);
    const period = `from=${till.today}&to=${till.today}`;
    const dishes = (await as(hq, hqAdmin).get(`/api/v1/hq/reports/dishes?${period}`).expect(200)).body
      .dishes as Array<{
      key: string;
      name: string;
      quantity: number;
    }>;
    const ours = dishes.filter((row) => row.key.startsWith('hq:burger') || row.name === 'Fries');
    expect(ours.map(({ key, name, quantity }) => ({ key, name, quantity }))).toEqual([
      { key: 'hq:burger/', name: 'Beef Burger', quantity: 2 },
      { key: 'site:3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a/', name: 'Fries', quantity: 1 },
      { key: 'site:9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d/', name: 'Fries', quantity: 1 },
    ]);
    const methods = (await as(hq, hqAdmin).get(`/api/v1/hq/reports/payment-methods?${period}`).expect(200))
      .body.methods as Array<{ key: string; name: string; payments: number }>;
    expect(methods.filter((row) => [northCard, southCard].includes(row.key))).toEqual([
      expect.objectContaining({ key: northCard, name: 'Card', payments: 3 }),
      expect.objectContaining({ key: southCard, name: 'Card', payments: 1 }),
    ]);
  });

  it('answers 422, not 500, to a person’s username, name, PIN or sites set to null', async () => {
    const person = await as(hq, hqAdmin)
      .post('/api/v1/hq/staff')
      .send({
        username: 'nullable.nina',
        displayName: 'Nina',
        password: 'correct horse 1',
        allSitesRole: 'waiter',
      })
      .expect(201);
    for (const field of ['username', 'displayName', 'pin', 'sites']) {
      const refused = await as(hq, hqAdmin)
        .patch(`/api/v1/hq/staff/${person.body.id}`)
        .send({ [field]: null });
      expect([field, refused.status, refused.body.error.code]).toEqual([field, 422, 'VALIDATION_ERROR']);
      expect(refused.body.error.details).toContainEqual(expect.objectContaining({ field }));
    }
    await as(hq, hqAdmin)
      .patch(`/api/v1/hq/staff/${person.body.id}`)
      .send({ allSitesRole: null })
      .expect(200);
  });

  it('counts a batch once when headquarters’ reply is lost after its commit and the site sends it again', async () => {
    await sales().caughtUp();
    const lost = proxy.loseReply(SALES_FACTS, 'cut');
    await settle(till, await newOrder(till, 'takeaway'), till.cash);
    await lost;
    // The site heard nothing: it sends the batch again, which headquarters holds.
    await sales().caughtUp();
    await sales().exactlyOnce();
    // The site's own dishes and methods reach headquarters by their ids.
    const mix = await as(hq, hqAdmin)
      .get(`/api/v1/hq/reports/dishes?from=${till.today}&to=${till.today}&siteId=${site.id}`)
      .expect(200);
    const keys = mix.body.dishes.map((row: { key: string }) => row.key) as string[];
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^site:[0-9a-f-]{36}\/(site:[0-9a-f-]{36})?$/);
  });

  it('counts a batch once when the site dies after sending it and sends it again once restarted', async () => {
    await sales().caughtUp();
    const lost = proxy.loseReply(SALES_FACTS, 'hold');
    await settle(till, await newOrder(till, 'dine_in'), till.card, 120);
    await lost;
    // Headquarters committed the batch; the site dies before it hears so, and starts again on its database.
    site.service.child.kill('SIGKILL');
    await site.service.exited;
    site.service = await startService({ DATABASE_URL: site.database.url, HQ_CONTACT_SECONDS: '1' });
    till = { ...till, site: site.service };
    // Its batch waits out the dead process's lease on it, then goes again; a sale after it goes behind it.
    await settle(till, await newOrder(till, 'takeaway'), till.cash);
    await sales().caughtUp(120_000);
    await sales().exactlyOnce();
  }, 180_000);
});
