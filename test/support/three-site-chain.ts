import { linkSite, PublicationSite, Site, startSite, stopSites } from './chain-sites';
import { as, loginAdmin, Session } from './clients';
import { ServiceProcess, startService } from './processes';
import { startTcpProxy, TcpProxy } from './tcp-proxy';
import { createTestDatabase, TestDatabase } from './test-database';
import { eventually } from './webhook-receiver';

/** Headquarters and its three sites, once the spec's beforeAll has run. */
export interface ThreeSiteChain {
  /** Headquarters: a service process with POS_ROLE=hq, on a database of its own. */
  hq: ServiceProcess;
  hqAdmin: Session;
  /** Mitte and Kreuzberg (in the group Berlin) and Hamburg (in none), linked, in that order. */
  sites: Site[];
  /** The site group "Berlin". */
  groupId: string;
  /** The proxy Hamburg reaches headquarters through, when asked for: the spec cuts it. */
  proxy?: TcpProxy;
  hqCall(): ReturnType<typeof as>;
  /** Publishes the catalog with `note` and waits until `applied` sites have applied it. */
  publishAndWait(note: string, applied: number): Promise<{ version: number; sites: PublicationSite[] }>;
}

/**
 * Starts headquarters and three sites, each a process with its own database, links them and gives headquarters'
 * catalog a pizza category, an oven station and a margherita (Regular 9.50, Large 12.50). Registers beforeAll and
 * afterAll: call it in the describe, before the spec's own. With `hamburgBehindProxy`, Hamburg links through a TCP
 * proxy (`proxy`) so the spec can cut it off headquarters.
 */
export function threeSiteChain(options: { hamburgBehindProxy?: boolean } = {}): ThreeSiteChain {
  let hqDatabase: TestDatabase | undefined;
  const chain = {
    sites: [] as Site[],
    hqCall: () => as(chain.hq, chain.hqAdmin),
    async publishAndWait(note: string, applied: number) {
      const published = await chain.hqCall().post('/api/v1/hq/publications').send({ note }).expect(201);
      expect(published.body).toMatchObject({ note, pending: 3, applied: 0, failed: 0 });
      const id = published.body.id as string;
      return eventually(
        `${applied} sites applied "${note}"`,
        async () => {
          const view = (await chain.hqCall().get(`/api/v1/hq/publications/${id}`).expect(200)).body;
          return view.applied === applied ? (view as { version: number; sites: PublicationSite[] }) : null;
        },
        30_000,
      );
    },
  } as ThreeSiteChain;

  beforeAll(async () => {
    hqDatabase = await createTestDatabase();
    const [hq, ...sites] = await Promise.all([
      startService({ DATABASE_URL: hqDatabase.url, POS_ROLE: 'hq' }),
      startSite('Mitte'),
      startSite('Kreuzberg'),
      startSite('Hamburg'),
    ]);
    chain.hq = hq;
    chain.sites.push(...sites);
    chain.hqAdmin = await loginAdmin(hq);
    const hqCall = chain.hqCall;
    chain.groupId = (
      await hqCall().post('/api/v1/hq/site-groups').send({ name: 'Berlin' }).expect(201)
    ).body.id;
    const [mitte, kreuzberg, hamburg] = sites;
    await linkSite(hq, chain.hqAdmin, mitte, hq.url, [chain.groupId]);
    await linkSite(hq, chain.hqAdmin, kreuzberg, hq.url, [chain.groupId]);
    if (options.hamburgBehindProxy) {
      chain.proxy = await startTcpProxy('127.0.0.1', Number(new URL(hq.url).port));
      await linkSite(hq, chain.hqAdmin, hamburg, `http://127.0.0.1:${chain.proxy.port}`);
    } else {
      await linkSite(hq, chain.hqAdmin, hamburg, hq.url);
    }

    await hqCall().put('/api/v1/hq/catalog/categories/pizza').send({ name: 'Pizza' }).expect(200);
    await hqCall().put('/api/v1/hq/catalog/stations/oven').send({ name: 'Oven' }).expect(200);
    await putMargherita(chain, 950);
  }, 180_000);

  afterAll(async () => {
    await chain.proxy?.close();
    chain.hq?.child.kill('SIGTERM');
    await chain.hq?.exited;
    await stopSites(chain.sites);
    await hqDatabase?.drop();
  });

  return chain;
}

/** Puts headquarters' margherita: Regular at `regular` minor units, Large at 12.50, baked in the oven. */
export const putMargherita = (chain: ThreeSiteChain, regular: number, extra: object = {}) =>
  chain
    .hqCall()
    .put('/api/v1/hq/catalog/dishes/margherita')
    .send({
      name: 'Margherita',
      categoryKey: 'pizza',
      stationKey: 'oven',
      ...extra,
      variations: [
        { hqKey: 'margherita-regular', name: 'Regular', price: regular },
        { hqKey: 'margherita-large', name: 'Large', price: 1250 },
      ],
    })
    .expect(200);
