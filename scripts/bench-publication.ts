/**
 * A catalog publication from headquarters to `--publication-sites` sites, each a service of its own on a SQLite
 * database of its own, in contact every second: the master catalog has `--publication-dishes` dishes (two
 * variations each, in 10 categories) with a price for a group of half the sites; the time from POST
 * /hq/publications to the last site reported applied (each pulled its effective catalog, applied it in one
 * transaction and reported it). Sites are linked as POST /hq/link would (a credential kept hashed at headquarters
 * and sealed at the site): HQ allows 10 links per address in 10 minutes.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { SecretBox } from '../src/common/crypto/secret-box';
import { createDatabase, openSql } from './bench-database';
import type { Api } from './bench-http';
import { cleanups, round1 } from './bench-lib';
import { builtPath, Server, startServer, stopServer } from './bench-servers';

export interface PublicationOptions {
  publicationSites: number;
  publicationDishes: number;
}

const CATEGORIES = 10;
/** Sites started at once: each start migrates its database, which is CPU-bound. */
const STARTS_AT_ONCE = 4;
const POLL_MS = 50;
const APPLIED_WITHIN_MS = 120_000;

interface SiteSecrets {
  JWT_SECRET: string;
  PIN_PEPPER: string;
  ENCRYPTION_KEY: string;
  ADMIN_USERNAME: string;
  ADMIN_PASSWORD: string;
}

export async function publication(
  api: Api,
  token: string,
  hqUrl: string,
  hqDatabaseUrl: string,
  options: PublicationOptions,
) {
  await masterCatalog(api, token, options.publicationDishes);
  const group = await api.must<{ id: string }>(201, 'POST', '/api/v1/hq/site-groups', token, {
    name: 'Priced',
  });
  await api.must(200, 'PUT', '/api/v1/hq/overrides', token, {
    kind: 'variation',
    hqKey: 'dish-0-large',
    scope: { groupId: group.id },
    price: 1999,
  });
  const sites = await startSites(api, token, hqUrl, hqDatabaseUrl, group.id, options.publicationSites);
  try {
    const started = performance.now();
    const published = await api.must<{ id: string }>(201, 'POST', '/api/v1/hq/publications', token, {
      note: 'bench',
    });
    let applied = 0;
    while (performance.now() - started < APPLIED_WITHIN_MS) {
      const view = await api.must<{ applied: number; failed: number }>(
        200,
        'GET',
        `/api/v1/hq/publications/${published.id}`,
        token,
      );
      applied = view.applied;
      if (view.failed > 0) throw new Error(`${view.failed} sites failed to apply the publication`);
      if (applied === sites.length) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const seconds = (performance.now() - started) / 1000;
    if (applied < sites.length)
      throw new Error(`only ${applied} of ${sites.length} sites applied within 120 s`);
    return {
      publicationSeconds: round1(seconds),
      publicationSites: sites.length,
      publicationDishes: options.publicationDishes,
    };
  } finally {
    await Promise.all(sites.map((site) => stopServer(site)));
  }
}

async function masterCatalog(api: Api, token: string, dishes: number): Promise<void> {
  for (let i = 0; i < CATEGORIES; i++) {
    await api.must(200, 'PUT', `/api/v1/hq/catalog/categories/category-${i}`, token, {
      name: `Category ${i}`,
      sortOrder: i,
    });
  }
  await api.must(200, 'PUT', '/api/v1/hq/catalog/stations/kitchen', token, { name: 'Kitchen' });
  for (let i = 0; i < dishes; i++) {
    await api.must(200, 'PUT', `/api/v1/hq/catalog/dishes/dish-${i}`, token, {
      name: `Dish ${i}`,
      description: `The ${i}th dish of the chain`,
      categoryKey: `category-${i % CATEGORIES}`,
      stationKey: 'kitchen',
      variations: [
        { hqKey: `dish-${i}-regular`, name: 'Regular', price: 900 + i },
        { hqKey: `dish-${i}-large`, name: 'Large', price: 1200 + i },
      ],
    });
  }
}

/** The sites, added at headquarters (every other one in the group), linked, and started, a few at a time. */
async function startSites(
  api: Api,
  token: string,
  hqUrl: string,
  hqDatabaseUrl: string,
  groupId: string,
  count: number,
): Promise<Server[]> {
  const hq = await openSql(hqDatabaseUrl);
  const servers: Server[] = [];
  try {
    for (let first = 0; first < count; first += STARTS_AT_ONCE) {
      const batch = Array.from({ length: Math.min(STARTS_AT_ONCE, count - first) }, (_, k) => first + k);
      servers.push(
        ...(await Promise.all(
          batch.map(async (i) => {
            const { site } = await api.must<{ site: { id: string; name: string } }>(
              201,
              'POST',
              '/api/v1/hq/sites',
              token,
              {
                name: `Site ${i}`,
                address: [`Street ${i}`, '10115 Berlin'],
                taxId: null,
                timezone: 'Europe/Berlin',
                currency: 'EUR',
                country: 'DE',
                groupIds: i % 2 === 0 ? [groupId] : [],
              },
            );
            const credential = `site_${randomBytes(32).toString('base64url')}`;
            await hq.query('UPDATE hq_sites SET credential_hash = ?, link_code_hash = NULL WHERE id = ?', [
              createHash('sha256').update(credential).digest('hex'),
              site.id,
            ]);
            return startSite(hqUrl, site, credential);
          }),
        )),
      );
    }
  } finally {
    await hq.close();
  }
  return servers;
}

/** A site's service on a new migrated database, holding the link as POST /hq-link leaves it. */
async function startSite(
  hqUrl: string,
  site: { id: string; name: string },
  credential: string,
): Promise<Server> {
  const database = await createDatabase(null);
  cleanups.push(() => database.drop());
  const secrets: SiteSecrets = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    PIN_PEPPER: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: 'admin',
    ADMIN_PASSWORD: randomBytes(12).toString('hex'),
  };
  await promisify(execFile)(
    process.execPath,
    ['node_modules/typeorm/cli.js', 'migration:run', '-d', builtPath('src/data-source.js')],
    {
      env: { ...process.env, DATABASE_URL: database.url, ...secrets },
    },
  );
  const sql = await openSql(database.url);
  try {
    // As TypeORM writes a datetime on SQLite: UTC, without the T and the Z.
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    const sealed = new SecretBox(Buffer.from(secrets.ENCRYPTION_KEY, 'hex')).seal(credential, site.id);
    await sql.query(
      'INSERT INTO hq_link (id, hq_url, site_id, site_name, sealed_credential, state, linked_at, last_contact_at, catalog_reported) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)',
      [hqUrl, site.id, site.name, sealed, 'linked', now, now, 0],
    );
  } finally {
    await sql.close();
  }
  return startServer('src/main.js', {
    DATABASE_URL: database.url,
    HQ_CONTACT_SECONDS: '1',
    ...secrets,
  });
}
