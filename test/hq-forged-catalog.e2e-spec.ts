import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { as, loginAdmin, Session } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

const SITE_ID = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';
const publicationId = (version: number) => `00000000-0000-4000-8000-00000000000${version}`;

const category = { hqKey: 'pizza', name: 'Pizza', sortOrder: 0 };
const dish = (hqKey: string, name: string) => ({
  hqKey,
  name,
  description: '',
  categoryKey: 'pizza',
  stationKey: null,
  available: true,
  variations: [{ hqKey: `${hqKey}-regular`, name: 'Regular', price: 950, sortOrder: 0 }],
});
const document = (dishes: unknown[]) => ({ categories: [category], stations: [], dishes });

/**
 * A site linked to a forged headquarters (a plain HTTP server answering as headquarters would, then not): a
 * publication whose document is broken is refused whole, nothing of it applied, its problem named at the site and
 * reported; one without a valid id or version is named as the link's problem; a dish whose variations are broken
 * is set aside while the rest applies; and the link keeps working, applying the next sound publication.
 */
describe('A site and a forged headquarters: malformed publications', () => {
  let site: TestApp;
  let admin: Session;
  let hq: Server;
  const reports: unknown[] = [];
  let latest = 0;
  let publication: unknown = null;

  const publish = (version: number, answer: unknown) => {
    publication = answer;
    latest = version;
  };
  const body = async (request: IncomingMessage) => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    return text ? (JSON.parse(text) as unknown) : null;
  };

  beforeAll(async () => {
    hq = createServer((request, response) => {
      void body(request).then((sent) => {
        const answer = (status: number, json?: unknown) => {
          response.writeHead(status, { 'Content-Type': 'application/json', ETag: `"v${latest}"` });
          response.end(json === undefined ? undefined : JSON.stringify(json));
        };
        const path = (request.url ?? '').split('?')[0];
        if (path === '/api/v1/hq/link')
          return answer(201, { siteId: SITE_ID, name: 'Forged', credential: 'site_x' });
        if (path === '/api/v1/hq/site')
          return answer(200, {
            siteId: SITE_ID,
            name: 'Forged',
            contactAt: new Date().toISOString(),
            catalogVersion: latest || null,
            staffVersion: 0,
          });
        if (path === '/api/v1/hq/site/catalog') return answer(200, publication);
        if (path === '/api/v1/hq/site/catalog-report') {
          reports.push(sent);
          return answer(204);
        }
        return answer(404, { error: { code: 'NOT_FOUND', message: 'not here' } });
      });
    });
    await new Promise<void>((resolve) => hq.listen(0, '127.0.0.1', resolve));
    site = await startTestApp({ HQ_CONTACT_SECONDS: '1' });
    admin = await loginAdmin(site);
    const url = `http://127.0.0.1:${(hq.address() as AddressInfo).port}`;
    await as(site, admin).post('/api/v1/hq-link').send({ url, code: 'FORGED' }).expect(201);
  });

  afterAll(async () => {
    await site?.close();
    await new Promise((resolve) => hq?.close(resolve));
  });

  const link = async () =>
    (await as(site, admin).get('/api/v1/hq-link').expect(200)).body as {
      state: string;
      lastProblem: string | null;
      catalog: { version: number | null; state: string | null; problem: string | null; problems: unknown[] };
    };
  const dishNames = async () => {
    const menu = (await as(site, admin).get('/api/v1/menu').expect(200)).body as {
      categories: Array<{ dishes: Array<{ name: string }> }>;
    };
    return menu.categories.flatMap((entry) => entry.dishes.map((one) => one.name)).sort();
  };

  it('refuses a document whose rows cannot be told apart whole, naming why, and applies nothing of it', async () => {
    publish(1, {
      publicationId: publicationId(1),
      version: 1,
      catalog: document([dish('margherita', 'Margherita'), null]),
    });
    const refused = await eventually('the site refused version 1', async () => {
      const now = await link();
      return now.catalog.version === 1 ? now : null;
    });
    expect(refused.state).toBe('linked');
    expect(refused.catalog).toMatchObject({
      state: 'failed',
      problem: 'dishes[1] must be an object',
      problems: [],
    });
    expect(await dishNames()).toEqual([]);
    await eventually('the refusal reported', () =>
      reports.some((report) => JSON.stringify(report).includes('"state":"failed"')),
    );
    expect(reports).toContainEqual({
      publicationId: publicationId(1),
      state: 'failed',
      reason: 'dishes[1] must be an object',
    });
  });

  it("names a publication without a valid id or version as the link's problem, and keeps in contact", async () => {
    publish(2, { publicationId: '<script>', version: 'two', catalog: 'none' });
    const noted = await eventually('the link names the answer', async () => {
      const now = await link();
      return now.lastProblem ? now : null;
    });
    expect(noted).toMatchObject({
      state: 'linked',
      lastProblem: 'headquarters answered a publication without a valid publicationId, version, catalog',
      catalog: { version: 1, state: 'failed' },
    });
    expect(await dishNames()).toEqual([]);
  });

  it('sets aside a dish whose variations are broken, applies the rest, and takes the next sound publication', async () => {
    const broken = { ...dish('calzone', 'Calzone'), variations: [null] };
    publish(3, {
      publicationId: publicationId(3),
      version: 3,
      catalog: document([dish('margherita', 'Margherita'), broken]),
    });
    const applied = await eventually('the site applied version 3', async () => {
      const now = await link();
      return now.catalog.version === 3 && now.lastProblem === null ? now : null;
    });
    expect(applied.catalog).toMatchObject({
      state: 'applied',
      problem: null,
      problems: [{ kind: 'dishes', hqKey: 'calzone', problem: 'variations[0] must be an object' }],
    });
    expect(await dishNames()).toEqual(['Margherita']);
    // Headquarters hears the row on its report, beside `applied`.
    await eventually('version 3 reported', () =>
      reports.find((report) => (report as { publicationId: string }).publicationId === publicationId(3)),
    );
    expect(reports).toContainEqual({
      publicationId: publicationId(3),
      state: 'applied',
      problems: [{ kind: 'dishes', hqKey: 'calzone', problem: 'variations[0] must be an object' }],
    });
    publish(4, {
      publicationId: publicationId(4),
      version: 4,
      catalog: document([dish('margherita', 'Margherita'), dish('calzone', 'Calzone')]),
    });
    await eventually('the site applied version 4', async () => (await link()).catalog.version === 4);
    expect((await link()).catalog).toMatchObject({ state: 'applied', problems: [] });
    expect(await dishNames()).toEqual(['Calzone', 'Margherita']);
  });
});
