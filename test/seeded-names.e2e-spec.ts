/**
 * The names the service seeds, in the restaurant's language (issue 66): a restaurant that starts in German takes
 * "Bar" and "Karte", not "Cash" and "Card"; a change of language renames what still carries a seeded name, audited
 * as the admin's change, and never a name the restaurant typed itself.
 */
import { as, loginAdmin, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Method = { id: string; name: string; kind: string };
type AuditEntry = {
  action: string;
  actorUserId: string | null;
  before: { name: string };
  after: { name: string };
};

describe('Seeded names in the restaurant’s language', () => {
  let t: TestApp;
  let admin: Session;
  let r: Restaurant;

  beforeAll(async () => {
    t = await startTestApp({ RESTAURANT_LOCALE: 'de-DE', RESTAURANT_TIMEZONE: 'Europe/Berlin' });
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
  });

  afterAll(() => t?.close());

  const methods = async (): Promise<Method[]> =>
    (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Method[];
  const namesByKind = async () => Object.fromEntries((await methods()).map(({ kind, name }) => [kind, name]));
  const variationNames = async (dishId: string): Promise<string[]> =>
    (
      (await as(t, admin).get(`/api/v1/dishes/${dishId}`).expect(200)).body.variations as Array<{
        name: string;
      }>
    )
      .map(({ name }) => name)
      .sort();

  async function switchTo(locale: string): Promise<void> {
    const { body } = await as(t, admin).get('/api/v1/restaurant').expect(200);
    const { name, address, taxId, timezone, currency, country } = body as Record<string, unknown>;
    await as(t, admin)
      .put('/api/v1/restaurant')
      .send({ name, address, taxId, timezone, currency, country, locale })
      .expect(200);
  }

  it('starts a German restaurant with Bar and Karte, and a single-priced dish with Standard', async () => {
    expect(await namesByKind()).toEqual({ cash: 'Bar', card: 'Karte' });
    expect(await variationNames(r.fries.id)).toEqual(['Standard']);
  });

  it('renames what still carries a seeded name when the language changes, audited, and keeps typed names', async () => {
    const card = (await methods()).find((method) => method.kind === 'card')!;
    await as(t, admin).patch(`/api/v1/payment-methods/${card.id}`).send({ name: 'Girocard' }).expect(200);

    await switchTo('en');
    expect(await namesByKind()).toEqual({ cash: 'Cash', card: 'Girocard' });
    expect(await variationNames(r.fries.id)).toEqual(['Regular']);
    // A dish with sizes named its "Regular" itself: the restaurant's word, not the service's.
    expect(await variationNames(r.burger.id)).toEqual(['Double', 'Regular']);

    await switchTo('de-AT');
    expect(await namesByKind()).toEqual({ cash: 'Bar', card: 'Girocard' });
    expect(await variationNames(r.fries.id)).toEqual(['Standard']);
    expect(await variationNames(r.burger.id)).toEqual(['Double', 'Regular']);

    // A change within a language (de-AT to de-DE) renames nothing.
    await switchTo('de-DE');
    expect(await namesByKind()).toEqual({ cash: 'Bar', card: 'Girocard' });

    const cash = (await methods()).find((method) => method.kind === 'cash')!;
    const { body } = await as(t, admin)
      .get('/api/v1/audit-log')
      .query({ entityType: 'payment_method', entityId: cash.id })
      .expect(200);
    const renames = (body.items as AuditEntry[])
      .filter((entry) => entry.action === 'payment_method.updated')
      .map((entry) => ({ by: entry.actorUserId, from: entry.before.name, to: entry.after.name }));
    expect(renames).toEqual(
      expect.arrayContaining([
        // The first start named it in German: the service's own change, by no one.
        { by: null, from: 'Cash', to: 'Bar' },
        { by: admin.user.id, from: 'Bar', to: 'Cash' },
        { by: admin.user.id, from: 'Cash', to: 'Bar' },
      ]),
    );
    expect(renames).toHaveLength(3);
  });

  it('gives the menu the renamed variation at once', async () => {
    const menu = await as(t, admin).get('/api/v1/menu').expect(200);
    const fries = (
      menu.body.categories as Array<{ dishes: Array<{ id: string; variations: Array<{ name: string }> }> }>
    )
      .flatMap((category) => category.dishes)
      .find((dish) => dish.id === r.fries.id);
    expect(fries?.variations.map(({ name }) => name)).toEqual(['Standard']);
  });
});
