import request from 'supertest';
import { SITE_IDENTITY } from './support/chain-sites';
import { as, loginAdmin, Session } from './support/clients';
import { freePort, ServiceProcess, startService } from './support/processes';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

interface SiteView {
  id: string;
  identityDifferences: Array<{ field: string; headquarters: string | null; site: string | null }>;
  name: string;
  groupIds: string[];
  link: {
    state: string;
    linkCodeExpiresAt: string | null;
    linkedAt: string | null;
    lastContactAt: string | null;
  };
}
interface LinkView {
  state: string;
  hqUrl: string;
  siteId: string;
  siteName: string;
  linkedAt: string;
  lastContactAt: string | null;
  lastProblem: string | null;
}

/**
 * A chain's first link: headquarters (POS_ROLE=hq) adds a site with a one-time link code, the site's admin links
 * the site's own service with it, and the site keeps in contact on its own, across a restart, until headquarters
 * revokes its credential; a new code links it again. Two services on two databases, as a chain runs: headquarters
 * in a process of its own (as it runs beside no site), the site in the spec's.
 */
describe('Headquarters and a site: the link', () => {
  let hqDatabase: TestDatabase;
  let hq: ServiceProcess;
  let site: TestApp;
  let hqAdmin: Session;
  let siteAdmin: Session;

  beforeAll(async () => {
    hqDatabase = await createTestDatabase();
    [hq, site] = await Promise.all([
      startService({ DATABASE_URL: hqDatabase.url, POS_ROLE: 'hq' }),
      startTestApp({ HQ_CONTACT_SECONDS: '1' }),
    ]);
    [hqAdmin, siteAdmin] = await Promise.all([loginAdmin(hq), loginAdmin(site)]);
  });

  afterAll(async () => {
    await site?.close();
    hq?.child.kill('SIGTERM');
    await hq?.exited;
    await hqDatabase?.drop();
  });

  const hqSite = async (id: string): Promise<SiteView> =>
    (await as(hq, hqAdmin).get(`/api/v1/hq/sites/${id}`).expect(200)).body as SiteView;
  const siteLink = async (): Promise<LinkView> =>
    (await as(site, siteAdmin).get('/api/v1/hq-link').expect(200)).body as LinkView;
  /** The code as a person may paste it, in groups of four. */
  const grouped = (code: string) => code.match(/.{1,4}/g)!.join('-');

  async function newSite(groupIds: string[] = []): Promise<{ site: SiteView; linkCode: string }> {
    const created = await as(hq, hqAdmin)
      .post('/api/v1/hq/sites')
      .send({ ...SITE_IDENTITY, groupIds })
      .expect(201);
    return created.body as { site: SiteView; linkCode: string };
  }

  it('adds a site in its groups, in their order, refusing a group that does not exist and writing nothing', async () => {
    const group = async (name: string, parentId?: string) =>
      (await as(hq, hqAdmin).post('/api/v1/hq/site-groups').send({ name, parentId }).expect(201)).body as {
        id: string;
      };
    const germany = await group('Germany');
    const berlin = await group('Berlin', germany.id);
    const refused = await as(hq, hqAdmin)
      .post('/api/v1/hq/site-groups')
      .send({ name: 'Nowhere', parentId: '00000000-0000-4000-8000-000000000000' })
      .expect(422);
    expect(refused.body.error.details).toEqual([{ field: 'parentId', message: 'is no site group' }]);

    const before = (await as(hq, hqAdmin).get('/api/v1/hq/sites').expect(200)).body.total as number;
    const unknown = await as(hq, hqAdmin)
      .post('/api/v1/hq/sites')
      .send({ ...SITE_IDENTITY, groupIds: [berlin.id, '00000000-0000-4000-8000-000000000000'] })
      .expect(422);
    expect(unknown.body.error.details).toEqual([{ field: 'groupIds[1]', message: 'is no site group' }]);
    expect((await as(hq, hqAdmin).get('/api/v1/hq/sites').expect(200)).body.total).toBe(before);

    const { site: added, linkCode } = await newSite([berlin.id, germany.id]);
    expect(linkCode).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
    expect(added.groupIds).toEqual([berlin.id, germany.id]);
    expect(added.link).toMatchObject({ state: 'awaiting_link', linkedAt: null, lastContactAt: null });
    expect(Date.parse(added.link.linkCodeExpiresAt!)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    const groups = (await as(hq, hqAdmin).get('/api/v1/hq/site-groups').expect(200)).body;
    expect(groups.items.map((g: { name: string }) => g.name)).toEqual(['Berlin', 'Germany']);
  });

  it('links the site with its code once, keeps it in contact across a restart, and shows a revocation at the site', async () => {
    const { site: added, linkCode } = await newSite();
    await as(site, siteAdmin).get('/api/v1/hq-link').expect(404);

    // A wrong code, and an address where no headquarters answers: refused beside the field, nothing kept.
    const wrong = await as(site, siteAdmin)
      .post('/api/v1/hq-link')
      .send({ url: hq.url, code: 'ZZZZZZZZZZZZ' })
      .expect(422);
    expect(wrong.body.error.details).toEqual([
      { field: 'code', message: 'headquarters refused it: wrong, spent or expired' },
    ]);
    const nowhere = await as(site, siteAdmin)
      .post('/api/v1/hq-link')
      .send({ url: `http://127.0.0.1:${await freePort()}`, code: linkCode })
      .expect(422);
    expect(nowhere.body.error.details[0].field).toBe('url');
    expect(nowhere.body.error.details[0].message).toMatch(/^headquarters could not be reached/);
    await as(site, siteAdmin).get('/api/v1/hq-link').expect(404);

    const linked = await as(site, siteAdmin)
      .post('/api/v1/hq-link')
      .send({ url: `${hq.url}/`, code: grouped(linkCode.toLowerCase()) })
      .expect(201);
    expect(linked.body).toMatchObject({
      state: 'linked',
      hqUrl: hq.url,
      siteId: added.id,
      siteName: SITE_IDENTITY.name,
      lastProblem: null,
    });
    expect((await hqSite(added.id)).link).toMatchObject({ state: 'linked', linkCodeExpiresAt: null });
    // A site that has not sold starts with the identity headquarters gave it, not the settings' placeholder.
    const { name, address, taxId, timezone, currency, country } = SITE_IDENTITY;
    expect((await as(site, siteAdmin).get('/api/v1/restaurant').expect(200)).body).toMatchObject({
      ...{ name, address, taxId, timezone, currency, country },
    });
    expect((await hqSite(added.id)).identityDifferences).toEqual([]);

    // The code is spent; a second link while linked is refused.
    await request(hq.url).post('/api/v1/hq/link').send({ code: linkCode }).expect(422);
    const again = await as(site, siteAdmin)
      .post('/api/v1/hq-link')
      .send({ url: hq.url, code: linkCode })
      .expect(409);
    expect(again.body.error.code).toBe('CONFLICT');

    // The site keeps in contact on its own: headquarters hears from it after the link, and after a restart.
    const heardAfter = async (instant: string) =>
      eventually('a contact from the site', async () => {
        const contact = (await hqSite(added.id)).link.lastContactAt;
        return contact !== null && contact > instant ? contact : null;
      });
    const contact = await heardAfter(linked.body.linkedAt as string);
    site = await site.restart();
    siteAdmin = await loginAdmin(site);
    await heardAfter(contact);
    expect((await siteLink()).state).toBe('linked');

    // Revoked at headquarters: the site's next contact is refused, and the site says so.
    await as(hq, hqAdmin).delete(`/api/v1/hq/sites/${added.id}/credential`).expect(204);
    await as(hq, hqAdmin).delete(`/api/v1/hq/sites/${added.id}/credential`).expect(404);
    expect((await hqSite(added.id)).link.state).toBe('revoked');
    const revoked = await eventually('the site to see its credential revoked', async () => {
      const link = await siteLink();
      return link.state === 'revoked' ? link : null;
    });
    expect(revoked.lastProblem).toMatch(/^headquarters answered 401/);

    // Having sold meanwhile (a drawer opened), and renamed, the site keeps its own identity when it links again,
    // and headquarters shows the difference.
    await as(site, siteAdmin).post('/api/v1/shifts/open').send({ openingCash: 10_000 }).expect(201);
    const profile = (await as(site, siteAdmin).get('/api/v1/restaurant').expect(200)).body;
    await as(site, siteAdmin)
      .put('/api/v1/restaurant')
      .send({
        name: 'Linde am Markt',
        address: profile.address,
        taxId: profile.taxId,
        timezone: profile.timezone,
        currency: profile.currency,
        country: profile.country,
        locale: profile.locale,
      })
      .expect(200);

    // A new code links it again, and contact resumes.
    const reissued = await as(hq, hqAdmin).post(`/api/v1/hq/sites/${added.id}/link-code`).expect(201);
    const relinked = await as(site, siteAdmin)
      .post('/api/v1/hq-link')
      .send({ url: hq.url, code: reissued.body.linkCode as string })
      .expect(201);
    expect(relinked.body).toMatchObject({ state: 'linked', siteId: added.id, lastProblem: null });
    expect((await hqSite(added.id)).link.state).toBe('linked');
    expect((await hqSite(added.id)).identityDifferences).toEqual([
      { field: 'name', headquarters: SITE_IDENTITY.name, site: 'Linde am Markt' },
    ]);
    expect((await as(site, siteAdmin).get('/api/v1/restaurant').expect(200)).body.name).toBe(
      'Linde am Markt',
    );
    await heardAfter(relinked.body.linkedAt as string);
  });

  it('keeps headquarters’ routes off a site and the site’s link off headquarters (404)', async () => {
    const offSite = await as(site, siteAdmin).get('/api/v1/hq/sites').expect(404);
    expect(offSite.body.error.code).toBe('NOT_FOUND');
    await site.http().post('/api/v1/hq/link').send({ code: 'ZZZZZZZZZZZZ' }).expect(404);
    await as(hq, hqAdmin).get('/api/v1/hq-link').expect(404);
    await request(hq.url).get('/api/v1/hq/site').set('X-Site-Credential', 'site_nothing').expect(401);
  });
});
