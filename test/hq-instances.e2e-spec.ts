/**
 * Headquarters as two instances on one PostgreSQL database and Redis, behind one address (a TCP proxy standing in
 * for the load balancer, which keeps each site on one instance by its credential), with two sites linked through
 * it, each a service process with its own database: Mitte's calls reach A, Hamburg's reach B. What a manager sees
 * does not depend on the instance: sales and publication reports taken in by one instance reach sockets on the
 * other; a publication made on A is applied by both sites, whose reports race on A and B, with counts that only
 * grow; a link code is spent once; and when A dies by SIGKILL while the sites stream their sales, the balancer
 * sends everything to B, whose report for each site then equals the site's own, each fact once. Runs when
 * DATABASE_URL is PostgreSQL and REDIS_URL is set (as `.ci/run` does); skipped otherwise.
 */
import { randomInt } from 'node:crypto';
import { Role } from '../src/common/access/role';
import { addDays } from '../src/orders/business-day';
import { newOrder, openTill, salesAtHq, settle, Till } from './support/chain-sales';
import { linkSite, menuLines, Site, SITE_IDENTITY, startSite, stopSites } from './support/chain-sites';
import { as, loginAdmin, newStaff, postFrom, Session } from './support/clients';
import { hqMixReports, siteMixReports } from './support/hq-mix-reports';
import { InstancePair, startInstancePair, withInstances } from './support/instances';
import { ServiceProcess } from './support/processes';
import { connect, Envelope, TestSocket } from './support/sockets';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { eventually } from './support/webhook-receiver';

/** Orders Mitte sells while A is killed: a few hundred by default; HQ_INSTANCES_ORDERS sizes it for a quick run. */
const STREAMED_ORDERS = Number(process.env.HQ_INSTANCES_ORDERS ?? 300);

const portOf = (service: ServiceProcess) => Number(new URL(service.url).port);
/** A loopback address of this run's own, so that per-address limits of earlier runs on the same Redis stay theirs. */
const loopback = () => `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;

interface ChainSite extends Site {
  till: Till;
  sales: ReturnType<typeof salesAtHq>;
}

withInstances('Headquarters as two instances behind one address', () => {
  let hq: InstancePair;
  let proxy: TcpProxy;
  let hqAdmin: Session;
  /** A manager at headquarters: whose screens hear the chain's events. */
  let manager: Session;
  const sites: ChainSite[] = [];
  const sockets: TestSocket[] = [];

  const managerOn = async (instance: ServiceProcess) => {
    const socket = await connect(instance, { token: manager.accessToken });
    sockets.push(socket);
    return socket;
  };
  const salesOf = (site: Site) => (event: Envelope) =>
    event.type === 'hq.site_sales' && event.data.siteId === site.id;

  beforeAll(async () => {
    const [pair, ...started] = await Promise.all([
      startInstancePair({ POS_ROLE: 'hq' }),
      startSite('Mitte'),
      startSite('Hamburg'),
    ]);
    hq = pair;
    hqAdmin = await loginAdmin(hq.a);
    manager = (await newStaff(hq.a, Role.Manager)).session;
    proxy = await startTcpProxy('127.0.0.1', [portOf(hq.a), portOf(hq.b)], {
      affinity: 'X-Site-Credential',
      from: loopback(),
    });
    // One after the other, each seen calling with its credential before the next: Mitte on A, Hamburg on B.
    for (const site of started) {
      await linkSite(hq.a, hqAdmin, site, `http://127.0.0.1:${proxy.port}`);
      const known = sites.length + 1;
      await eventually(`${site.name} to call with its credential`, () => proxy.affinities.size === known);
      const till = await openTill(site.service, site.admin);
      sites.push({
        ...site,
        till,
        sales: salesAtHq(till, site.id, () => ({ server: hq.b, session: manager })),
      });
    }
    await as(hq.a, hqAdmin).put('/api/v1/hq/catalog/categories/pizza').send({ name: 'Pizza' }).expect(200);
    await as(hq.a, hqAdmin)
      .put('/api/v1/hq/catalog/dishes/margherita')
      .send({
        name: 'Margherita',
        categoryKey: 'pizza',
        variations: [{ hqKey: 'margherita', name: 'Regular', price: 950 }],
      })
      .expect(200);
  }, 180_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await proxy?.close();
    await hq?.stop();
    await stopSites(sites);
  });

  it('keeps each site on one instance: Mitte on A, Hamburg on B', () => {
    expect([...proxy.affinities.values()]).toEqual([portOf(hq.a), portOf(hq.b)]);
  });

  it('tells a manager on either instance of a sale the other took in', async () => {
    const [mitte, hamburg] = sites;
    const [onA, onB] = await Promise.all([managerOn(hq.a), managerOn(hq.b)]);
    await Promise.all(
      sites.map(async ({ till }) => settle(till, await newOrder(till, 'dine_in'), till.card)),
    );
    for (const site of sites) {
      const figures = await site.sales.caughtUp();
      expect(figures.orders).toBe(1);
      const live = await site.sales.liveRow();
      // Mitte's sale was taken in by A, Hamburg's by B: both screens show both, as the board does.
      for (const socket of [onA, onB]) {
        await socket.until((events) =>
          events.some((event) => salesOf(site)(event) && event.data.orders === 1),
        );
        expect(socket.received.filter(salesOf(site)).at(-1)!.data).toEqual(live);
      }
    }
    expect(onB.received.some(salesOf(mitte))).toBe(true);
    expect(onA.received.some(salesOf(hamburg))).toBe(true);
  });

  it('has a publication made on A applied by both sites, their reports racing on A and B, counts only growing', async () => {
    const [onA, onB] = await Promise.all([managerOn(hq.a), managerOn(hq.b)]);
    // The balancer holds each site's report until the other's has come, then lets both go at once.
    const reports = proxy.gather(/^POST \/api\/v1\/hq\/site\/catalog-report /, 2);
    const published = await as(hq.a, hqAdmin)
      .post('/api/v1/hq/publications')
      .send({ note: 'Spring' })
      .expect(201);
    expect(published.body).toMatchObject({ applied: 0, pending: 2, failed: 0 });
    const id = published.body.id as string;
    expect((await reports).sort()).toEqual([portOf(hq.a), portOf(hq.b)].sort());

    const view = await eventually('both sites to have applied it', async () => {
      const current = (await as(hq.b, manager).get(`/api/v1/hq/publications/${id}`).expect(200)).body;
      return current.pending === 0 && (current as { applied: number; failed: number });
    });
    expect(view).toMatchObject({ applied: 2, failed: 0 });
    const changes = (events: Envelope[]) =>
      events
        .filter((event) => event.type === 'hq.publication_changed' && event.data.publicationId === id)
        .map(({ data }) => [data.applied, data.pending, data.failed]);
    for (const socket of [onA, onB]) {
      await socket.until((events) => changes(events).some(([applied]) => applied === 2));
      // Made, one report, the other: each event counts every report before it, whichever instance took it.
      expect(changes(socket.received)).toEqual([
        [0, 2, 0],
        [1, 1, 0],
        [2, 0, 0],
      ]);
    }
    for (const site of sites) {
      expect(await menuLines(site)).toContainEqual({
        category: 'Pizza',
        dish: 'Margherita',
        variation: 'Regular',
        price: 950,
      });
      const link = (await as(site.service, site.admin).get('/api/v1/hq-link').expect(200)).body;
      expect(link.catalog).toMatchObject({ version: published.body.version, state: 'applied' });
    }
  });

  it('spends a link code once, though sent to both instances at once', async () => {
    const added = await as(hq.b, hqAdmin)
      .post('/api/v1/hq/sites')
      .send({ ...SITE_IDENTITY, name: 'Altona' })
      .expect(201);
    const from = loopback();
    const attempts = await Promise.all(
      [hq.a, hq.b].map((instance) =>
        postFrom(instance, from, '/api/v1/hq/link', { code: added.body.linkCode as string }),
      ),
    );
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([200, 422]);
    const again = await postFrom(hq.a, from, '/api/v1/hq/link', { code: added.body.linkCode as string });
    expect(again.status).toBe(422);
    const altona = (
      await as(hq.b, hqAdmin)
        .get(`/api/v1/hq/sites/${added.body.site.id as string}`)
        .expect(200)
    ).body;
    expect(altona.link).toMatchObject({ state: 'linked', linkCodeExpiresAt: null });
  });

  it('gives one username to one person, though two admins add it on both instances at once', async () => {
    const person = (displayName: string) => ({
      username: 'anna.k',
      displayName,
      pin: '4711',
      allSitesRole: 'waiter',
    });
    const attempts = await Promise.all(
      [hq.a, hq.b].map((instance, i) =>
        as(instance, hqAdmin)
          .post('/api/v1/hq/staff')
          .send(person(`Anna ${i}`)),
      ),
    );
    expect(attempts.map((attempt) => attempt.status).sort()).toEqual([201, 409]);
    const refused = attempts.find((attempt) => attempt.status === 409)!;
    expect(refused.body.error).toMatchObject({ code: 'CONFLICT', message: 'The username anna.k is taken' });
  });

  it(`keeps every fact once when A dies by SIGKILL while the sites stream (${STREAMED_ORDERS} orders at Mitte)`, async () => {
    const [mitte, hamburg] = sites;
    const board = await managerOn(hq.b);
    const cursorAtStart = await mitte.sales.hqCursor();
    let soldAtMitte = 0;
    const sell = async ({ till }: ChainSite, orders: number, sold: () => void) => {
      for (let i = 0; i < orders; i += 1) {
        const order = await newOrder(till, i % 3 === 0 ? 'dine_in' : 'takeaway');
        await settle(till, order, i % 2 === 0 ? till.card : till.cash, i % 5 === 0 ? 100 : 0);
        sold();
      }
    };
    const selling = Promise.all([
      sell(mitte, STREAMED_ORDERS, () => (soldAtMitte += 1)),
      sell(hamburg, Math.ceil(STREAMED_ORDERS / 10), () => undefined),
    ]);
    // A has taken in part of Mitte's stream; it dies, and the balancer sends every new connection to B.
    const soldAtKill = await eventually(
      'A to be taking in Mitte’s stream',
      async () =>
        soldAtMitte >= STREAMED_ORDERS / 3 && (await mitte.sales.hqCursor()) > cursorAtStart && soldAtMitte,
      120_000,
    );
    const cursorAtKill = await mitte.sales.hqCursor();
    hq.a.child.kill('SIGKILL');
    await hq.a.exited;
    proxy.retarget(portOf(hq.b));
    await selling;
    expect(soldAtKill).toBeLessThan(STREAMED_ORDERS);

    for (const site of sites) {
      const figures = await site.sales.caughtUp(120_000);
      expect(figures.orders).toBe(1 + (site === mitte ? STREAMED_ORDERS : Math.ceil(STREAMED_ORDERS / 10)));
      const { today } = site.till;
      expect(await hqMixReports(hq.b, manager, site.id, today, addDays(today, 1))).toEqual(
        await siteMixReports(site.service, site.till.manager, today, addDays(today, 1)),
      );
      // One more sale, waited for: a fact B held twice would now show as a surplus.
      await site.sales.exactlyOnce();
      expect(await site.sales.hqSales()).toMatchObject({ pendingBatches: 0, pendingSince: null });
    }
    process.stdout.write(
      `HQ instances: A killed by SIGKILL after Mitte sold ${soldAtKill} of ${STREAMED_ORDERS} orders, ` +
        `with Mitte's facts up to seq ${cursorAtKill} held; B took in the rest, up to seq ` +
        `${await mitte.sales.hqCursor()}, and both sites' reports at B equal their own\n`,
    );
    // The board on B followed Mitte's day through the kill, to its last sale.
    const live = await mitte.sales.liveRow();
    await board.until((events) =>
      events.some((event) => salesOf(mitte)(event) && event.data.orders === live.orders),
    );
    expect(board.received.filter(salesOf(mitte)).at(-1)!.data).toEqual(live);
  }, 300_000);
});
