import request from 'supertest';
import { as, Session } from './support/clients';
import { menuLines, Site, sortLines } from './support/chain-sites';
import { connect } from './support/sockets';
import { putMargherita, threeSiteChain } from './support/three-site-chain';
import { eventually } from './support/webhook-receiver';
/**
 * One catalog and one staff directory for a chain: headquarters and three sites, each a process of its own with
 * its own database, on one machine. A publication with a group's price, a site's own price and a dish absent at one site reaches each
 * site's menu as exactly its effective catalog; HQ-owned fields are read-only at a site, its 86 stays its own; a
 * publication made while a site's link is cut is applied once it is back. A person assigned to two of the sites
 * signs in at both with one password and one PIN, at neither once deactivated at headquarters.
 */
describe('Headquarters and three sites: one catalog with overrides, one staff directory', () => {
  // Hamburg reaches headquarters through a proxy the test cuts.
  const chain = threeSiteChain({ hamburgBehindProxy: true });
  const { sites, hqCall, publishAndWait } = chain;

  beforeAll(async () => {
    const [, kreuzberg, hamburg] = sites;
    await hqCall()
      .put('/api/v1/hq/catalog/categories/dessert')
      .send({ name: 'Dessert', sortOrder: 1 })
      .expect(200);
    await hqCall()
      .put('/api/v1/hq/catalog/dishes/tiramisu')
      .send({
        name: 'Tiramisu',
        categoryKey: 'dessert',
        variations: [{ hqKey: 'tiramisu', name: 'Portion', price: 650 }],
      })
      .expect(200);
    const override = (scope: object, body: object) =>
      hqCall()
        .put('/api/v1/hq/overrides')
        .send({ scope, ...body })
        .expect(200);
    await override({ groupId: chain.groupId }, { kind: 'variation', hqKey: 'margherita-large', price: 1350 });
    await override({ siteId: kreuzberg.id }, { kind: 'variation', hqKey: 'margherita-large', price: 1400 });
    await override({ siteId: hamburg.id }, { kind: 'dish', hqKey: 'tiramisu', absent: true });
  });

  it('refuses an override that names no entry, two scopes, or a field its kind has not, and writes none', async () => {
    const refused = async (body: object, field: string) => {
      const response = await hqCall().put('/api/v1/hq/overrides').send(body).expect(422);
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
    };
    const [mitte] = sites;
    await refused(
      { kind: 'dish', hqKey: 'pizza-hawaii', scope: { groupId: chain.groupId }, absent: true },
      'hqKey',
    );
    await refused(
      {
        kind: 'dish',
        hqKey: 'margherita',
        scope: { groupId: chain.groupId, siteId: mitte.id },
        absent: true,
      },
      'scope',
    );
    await refused(
      { kind: 'dish', hqKey: 'margherita', scope: { groupId: chain.groupId }, price: 1 },
      'price',
    );
    await refused(
      { kind: 'dish', hqKey: 'margherita', scope: { groupId: chain.groupId }, stationKey: 'grill' },
      'stationKey',
    );
    const catalog = (await hqCall().get('/api/v1/hq/catalog').expect(200)).body;
    expect(catalog.overrides).toHaveLength(3);
  });

  it('gives each site exactly its effective catalog: the group’s price, the site’s own, a dish absent at one', async () => {
    const [mitte, kreuzberg, hamburg] = sites;
    const managers = await connect(chain.hq, { token: chain.hqAdmin.accessToken });
    const publication = await publishAndWait('Autumn menu', 3);
    expect(publication.sites.map((site) => site.state)).toEqual(['applied', 'applied', 'applied']);
    // Headquarters' screens hear the publication made and each site's report, up to all three applied.
    await managers.until((events) =>
      events.some((event) => event.type === 'hq.publication_changed' && event.data.applied === 3),
    );
    const counts = managers.received
      .filter((event) => event.type === 'hq.publication_changed')
      .map((event) => [event.data.applied, event.data.pending]);
    expect(counts).toEqual([
      [0, 3],
      [1, 2],
      [2, 1],
      [3, 0],
    ]);
    managers.close();

    for (const site of sites) {
      const effective = (await hqCall().get(`/api/v1/hq/sites/${site.id}/effective-catalog`).expect(200))
        .body as {
        categories: Array<{ hqKey: string; name: string }>;
        dishes: Array<{
          name: string;
          categoryKey: string;
          variations: Array<{ name: string; price: number }>;
        }>;
      };
      const categoryName = new Map(effective.categories.map((category) => [category.hqKey, category.name]));
      const expected = sortLines(
        effective.dishes.flatMap((dish) =>
          dish.variations.map((variation) => ({
            category: categoryName.get(dish.categoryKey)!,
            dish: dish.name,
            variation: variation.name,
            price: variation.price,
          })),
        ),
      );
      expect({ site: site.name, menu: await menuLines(site) }).toEqual({ site: site.name, menu: expected });
    }
    const priceOf = async (site: Site, variation: string) =>
      (await menuLines(site)).find((line) => line.dish === 'Margherita' && line.variation === variation)
        ?.price;
    expect(await priceOf(mitte, 'Large')).toBe(1350);
    expect(await priceOf(kreuzberg, 'Large')).toBe(1400);
    expect(await priceOf(hamburg, 'Large')).toBe(1250);
    expect((await menuLines(hamburg)).map((line) => line.dish)).not.toContain('Tiramisu');
    expect((await menuLines(mitte)).map((line) => line.dish)).toContain('Tiramisu');

    // Where each value comes from, as the back office shows it.
    const overridden = async (site: Site) =>
      (await hqCall().get(`/api/v1/hq/sites/${site.id}/effective-catalog`).expect(200)).body as {
        dishes: Array<{ overridden: unknown[] }>;
        absent: unknown[];
      };
    expect((await overridden(kreuzberg)).dishes[0].overridden).toEqual([
      { field: 'price', hqKey: 'margherita-large', scope: { siteId: kreuzberg.id } },
    ]);
    expect((await overridden(mitte)).dishes[0].overridden).toEqual([
      { field: 'price', hqKey: 'margherita-large', scope: { groupId: chain.groupId } },
    ]);
    expect((await overridden(hamburg)).absent).toEqual([
      { kind: 'dish', hqKey: 'tiramisu', scope: { siteId: hamburg.id } },
    ]);

    const listed = (await hqCall().get('/api/v1/hq/sites').expect(200)).body.items as Array<{
      catalog: { version: number | null };
    }>;
    expect(listed.map((site) => site.catalog.version)).toEqual([
      publication.version,
      publication.version,
      publication.version,
    ]);
    const atSite = (await as(mitte.service, mitte.admin).get('/api/v1/hq-link').expect(200)).body;
    expect(atSite.catalog).toMatchObject({ version: publication.version, state: 'applied', problem: null });
  });

  it('keeps HQ-owned fields read-only at a site and its 86 its own', async () => {
    const [mitte] = sites;
    const admin = as(mitte.service, mitte.admin);
    const dishes = (await admin.get('/api/v1/dishes').expect(200)).body.items as Array<{
      id: string;
      name: string;
      hqKey: string | null;
      variations: Array<{ id: string; name: string; price: number }>;
    }>;
    const margherita = dishes.find((dish) => dish.hqKey === 'margherita')!;
    const tiramisu = dishes.find((dish) => dish.hqKey === 'tiramisu')!;
    const renamed = await admin
      .patch(`/api/v1/dishes/${margherita.id}`)
      .send({ name: 'Margarita' })
      .expect(409);
    expect(renamed.body.error.code).toBe('MANAGED_BY_HQ');
    const large = margherita.variations.find((variation) => variation.name === 'Large')!;
    const repriced = await admin
      .patch(`/api/v1/dishes/${margherita.id}/variations/${large.id}`)
      .send({ price: 999 })
      .expect(409);
    expect(repriced.body.error.code).toBe('MANAGED_BY_HQ');
    await admin.delete(`/api/v1/dishes/${margherita.id}`).expect(409);
    expect((await menuLines(mitte)).find((line) => line.variation === 'Large')?.price).toBe(1350);

    // The site's own: an 86, which the next publication leaves as it is.
    await admin.patch(`/api/v1/dishes/${tiramisu.id}/availability`).send({ available: false }).expect(200);
    expect((await menuLines(mitte)).map((line) => line.dish)).not.toContain('Tiramisu');
  });

  it('applies a publication made while a site’s link is cut once the link is back', async () => {
    const [mitte, kreuzberg, hamburg] = sites;
    chain.proxy!.cut();
    // A price for everyone, and Hamburg's tiramisu back (its override's only field inherited again: removed).
    await putMargherita(chain, 990);
    await hqCall()
      .put('/api/v1/hq/overrides')
      .send({ kind: 'dish', hqKey: 'tiramisu', scope: { siteId: hamburg.id }, absent: null })
      .expect(200);
    const during = await publishAndWait('Winter prices', 2);
    const hamburgState = during.sites.find((site) => site.siteId === hamburg.id)!;
    expect(hamburgState.state).toBe('pending');
    // Hamburg trades on with the catalog it has.
    expect((await menuLines(hamburg)).find((line) => line.variation === 'Regular')?.price).toBe(950);

    chain.proxy!.restore();
    await eventually(
      'Hamburg applied the publication made during the cut',
      async () => {
        const view = (await hqCall().get(`/api/v1/hq/publications`).expect(200)).body.items[0];
        return view.applied === 3;
      },
      30_000,
    );
    for (const site of [mitte, kreuzberg, hamburg]) {
      expect((await menuLines(site)).find((line) => line.variation === 'Regular')?.price).toBe(990);
    }
    expect((await menuLines(hamburg)).map((line) => line.dish)).toContain('Tiramisu');
    // Mitte's 86 of the tiramisu stayed its own.
    expect((await menuLines(mitte)).map((line) => line.dish)).not.toContain('Tiramisu');
    expect((await menuLines(kreuzberg)).find((line) => line.variation === 'Large')?.price).toBe(1400);
  });

  it('lets a person of the directory sign in at both sites they are assigned to, and stops them at once', async () => {
    const [mitte, kreuzberg, hamburg] = sites;
    const person = await hqCall()
      .post('/api/v1/hq/staff')
      .send({
        username: 'Lena',
        displayName: 'Lena W.',
        password: 'lena-secret-1',
        pin: '4821',
        sites: [
          { siteId: mitte.id, role: 'waiter' },
          { siteId: kreuzberg.id, role: 'manager' },
        ],
      })
      .expect(201);
    expect(person.body).toMatchObject({ username: 'lena', hasPassword: true, hasPin: true, active: true });
    const id = person.body.id as string;
    const signIn = (site: Site) =>
      request(site.service.url)
        .post('/api/v1/auth/login')
        .send({ username: 'lena', password: 'lena-secret-1' });
    const atMitte = await eventually('Lena signs in at Mitte', async () => {
      const reply = await signIn(mitte);
      return reply.status === 200 ? (reply.body as Session) : null;
    });
    await eventually('Lena signs in at Kreuzberg', async () => (await signIn(kreuzberg)).status === 200);
    // One PIN at both: the PIN pad of each site lists her.
    for (const site of [mitte, kreuzberg]) {
      await request(site.service.url).post('/api/v1/auth/pin').send({ userId: id, pin: '4821' }).expect(200);
    }
    // Not assigned to Hamburg: its directory version moves past her, and she is not a user there.
    await eventually('Hamburg holds the directory', async () => {
      const link = (await as(hamburg.service, hamburg.admin).get('/api/v1/hq-link').expect(200)).body;
      return link.staff.version >= person.body.version;
    });
    await signIn(hamburg).expect(401);
    const roles = await Promise.all(
      [mitte, kreuzberg].map(async (site) => {
        const user = await as(site.service, site.admin).get(`/api/v1/users/${id}`).expect(200);
        return user.body as { role: string; fromHeadquarters: boolean };
      }),
    );
    expect(roles.map((user) => [user.role, user.fromHeadquarters])).toEqual([
      ['waiter', true],
      ['manager', true],
    ]);
    // At the site, headquarters owns her.
    const renamed = await as(mitte.service, mitte.admin)
      .patch(`/api/v1/users/${id}`)
      .send({ displayName: 'L.' })
      .expect(409);
    expect(renamed.body.error.code).toBe('MANAGED_BY_HQ');

    // Deactivated at headquarters: her session at Mitte ends at its next contact, and she signs in nowhere.
    await as(mitte.service, atMitte).get('/api/v1/orders').expect(200);
    await hqCall().patch(`/api/v1/hq/staff/${id}`).send({ active: false }).expect(200);
    await eventually('her session at Mitte ended', async () => {
      const reply = await as(mitte.service, atMitte).get('/api/v1/orders');
      return reply.status === 401;
    });
    await eventually('Kreuzberg refuses her', async () => (await signIn(kreuzberg)).status === 401);
    await signIn(mitte).expect(401);
  });

  it('lets only a linked site pull the catalog or the staff, or report', async () => {
    await hqCall().get('/api/v1/hq/site/staff').expect(401);
    await hqCall().get('/api/v1/hq/site/catalog').expect(401);
    await hqCall()
      .post('/api/v1/hq/site/catalog-report')
      .set('X-Site-Credential', 'site_forged')
      .send({ publicationId: '00000000-0000-4000-8000-000000000000', state: 'applied' })
      .expect(401);
  });
});
