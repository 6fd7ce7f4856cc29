import { as, loginAdmin, Server, Session } from './clients';
import { ServiceProcess, startService } from './processes';
import { createTestDatabase, TestDatabase } from './test-database';

/** A site as headquarters adds it (POST /hq/sites): a Berlin restaurant trading in euros. */
export const SITE_IDENTITY = {
  name: 'Zur Linde, Mitte',
  address: ['Lindenstraße 1', '10115 Berlin'],
  taxId: 'DE123456789',
  timezone: 'Europe/Berlin',
  currency: 'EUR',
  country: 'DE',
};

/** A site of a chain spec: a service process of its own, on its own database. */
export interface Site {
  name: string;
  service: ServiceProcess;
  database: TestDatabase;
  admin: Session;
  /** Its id at headquarters. */
  id: string;
}

/** A site process of its own on a database of its own, in contact with headquarters every second once linked. */
export async function startSite(name: string, env: Record<string, string> = {}): Promise<Site> {
  const database = await createTestDatabase();
  // In the time zone it takes from headquarters when it links (SITE_IDENTITY's): its business day, read before the
  // link, is the same after it, whatever the hour.
  const service = await startService({
    DATABASE_URL: database.url,
    HQ_CONTACT_SECONDS: '1',
    RESTAURANT_TIMEZONE: SITE_IDENTITY.timezone,
    ...env,
  });
  return { name, service, database, admin: await loginAdmin(service), id: '' };
}

/** Adds the site at headquarters (in `groupIds`, with its name) and links it through `url`; sets its `id`. */
export async function linkSite(
  hq: Server,
  hqAdmin: Session,
  site: Site,
  url: string,
  groupIds: string[] = [],
): Promise<void> {
  const added = await as(hq, hqAdmin)
    .post('/api/v1/hq/sites')
    .send({ ...SITE_IDENTITY, name: site.name, groupIds })
    .expect(201);
  site.id = added.body.site.id as string;
  await as(site.service, site.admin)
    .post('/api/v1/hq-link')
    .send({ url, code: added.body.linkCode })
    .expect(201);
}

/** Stops the sites' processes (SIGTERM) and drops their databases. */
export async function stopSites(sites: Site[]): Promise<void> {
  for (const site of sites) {
    site.service.child.kill('SIGTERM');
    await site.service.exited;
  }
  await Promise.all(sites.map((site) => site.database.drop()));
}

export interface MenuLine {
  category: string;
  dish: string;
  variation: string;
  price: number;
}

/** A site's state of a publication, as GET /hq/publications/{id} lists it. */
export interface PublicationSite {
  siteId: string;
  state: string;
  reason: string | null;
  /** The rows the site set aside, each with why. */
  problems?: Array<{ kind: string; hqKey: string; problem: string }>;
}

/** What a site's guests and waiters see: GET /menu, one line per variation, sorted. */
export async function menuLines(site: Site): Promise<MenuLine[]> {
  const menu = (await as(site.service, site.admin).get('/api/v1/menu').expect(200)).body as {
    categories: Array<{
      name: string;
      dishes: Array<{ name: string; variations: Array<{ name: string; price: number }> }>;
    }>;
  };
  return sortLines(
    menu.categories.flatMap((category) =>
      category.dishes.flatMap((dish) =>
        dish.variations.map((variation) => ({
          category: category.name,
          dish: dish.name,
          variation: variation.name,
          price: variation.price,
        })),
      ),
    ),
  );
}

export const sortLines = (lines: MenuLine[]) =>
  lines.sort((a, b) => `${a.dish}/${a.variation}`.localeCompare(`${b.dish}/${b.variation}`));
