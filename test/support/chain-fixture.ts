import type { Browser, Page } from 'playwright-core';
import { openChromium, LAPTOP, signInToBackOffice, watchProblems } from './browser';
import { type Site, SITE_IDENTITY, startSite, stopSites } from './chain-sites';
import { type ServiceProcess, startService } from './processes';
import { createTestDatabase, type TestDatabase } from './test-database';
import { ADMIN } from './test-app';

/** The navigation of headquarters' back office as an admin reads it, in English. */
export const HQ_NAVIGATION = [
  'Sites today',
  'Sites',
  'Catalog',
  'Publications',
  'Staff',
  'Chain sales',
  'Audit & security',
  'Integrations',
];

/** What a browser spec of a chain works with, once its beforeAll has run. */
export interface ChainInBrowser {
  /** Headquarters: a service process with POS_ROLE=hq, on a database of its own. */
  hq: ServiceProcess;
  /**
   * The restaurants, by the names asked for, not linked yet: each a service process on a database of its own (two
   * services in one process would share passport's strategies, and sign nobody in at the first).
   */
  sites: Site[];
  browser: Browser;
  /**
   * A new laptop-sized tab on the back office at `url` (headquarters' or a site's), opened on `screen` and signed
   * in as `who` (the first admin unless given), with its CSP refusals and script errors as they happen.
   */
  backOffice(
    url: string,
    screen: string,
    who?: { username: string; password: string },
  ): Promise<{ page: Page; problems: string[] }>;
}

/**
 * Starts headquarters, a restaurant for each of `siteNames` and Chromium before the spec's tests (it registers
 * beforeAll and afterAll: call it in the describe, before the spec's own), and stops them after.
 */
export function chainInBrowser(siteNames: string[] = [SITE_IDENTITY.name]): ChainInBrowser {
  let hqDatabase: TestDatabase | undefined;
  const chain = {
    sites: [] as Site[],
    async backOffice(url: string, screen: string, who: { username: string; password: string } = ADMIN) {
      const context = await chain.browser.newContext({ viewport: LAPTOP, serviceWorkers: 'block' });
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(`${url}/back-office#/${screen}`);
      await signInToBackOffice(page, who);
      return { page, problems };
    },
  } as ChainInBrowser;

  beforeAll(async () => {
    hqDatabase = await createTestDatabase();
    const [hq, browser, ...sites] = await Promise.all([
      startService({ DATABASE_URL: hqDatabase.url, POS_ROLE: 'hq' }),
      openChromium(),
      ...siteNames.map((name) => startSite(name)),
    ]);
    Object.assign(chain, { hq, browser, sites });
  });

  afterAll(async () => {
    await chain.browser?.close();
    await stopSites(chain.sites);
    chain.hq?.child.kill('SIGTERM');
    await chain.hq?.exited;
    await hqDatabase?.drop();
  });

  return chain;
}
