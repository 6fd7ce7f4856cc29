import { as, loginAdmin } from './support/clients';
import { factories } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** The QR cart's note on taxes comes from the rates the menu's dishes carry, never from the old TAX_RATE. */
describe('QR ordering: the cart’s note on what the bill adds, with prices excluding tax', () => {
  let t: TestApp;

  beforeAll(async () => {
    // TAX_RATE is the old single rate: read only by the upgrade to rates, never by the page.
    t = await startTestApp({
      QR_ORDERING: 'true',
      PRICES_INCLUDE_TAX: 'false',
      TAX_RATE: '5',
      SERVICE_CHARGE_RATE: '10',
    });
  });

  afterAll(() => t.close());

  it('names the rates the menu’s dishes are taxed with, as they change', async () => {
    const admin = await loginAdmin(t);
    const make = factories(t, admin);
    const r = await make.newRestaurant();
    const note = async () => {
      const page = await t.http().get(`/t/${r.table.qrToken}`).expect(200);
      return /<p class="note">([^<]*)<\/p>/.exec(page.text)?.[1];
    };
    expect(await note()).toBe('Your bill adds a 10% service charge.');

    await make.newTaxRate({ name: 'Food', percent: 7, isDefault: true });
    expect(await note()).toBe('Your bill adds a 10% service charge and tax: Food 7 %.');

    const drinks = await make.newTaxRate({ name: 'Drinks', percent: 19 });
    await as(t, admin)
      .patch(`/api/v1/dishes/${r.beer.id}`)
      .send({ taxRateIds: [drinks.id] })
      .expect(200);
    expect(await note()).toBe(
      'Your bill adds a 10% service charge and tax: Drinks 19 % or Food 7 % depending on the dish.',
    );
  });
});
