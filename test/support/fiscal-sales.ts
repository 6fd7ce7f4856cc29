import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './clients';
import { factories, Restaurant } from './factories';
import { FakeFiskaly } from './fake-fiskaly';
import { binary } from './document-readers';
import { startTestApp, TestApp } from './test-app';
import { eventually } from './webhook-receiver';

const DAY_MS = 24 * 60 * 60_000;

/** The service signing with a fake fiskaly: a restaurant with 19 % VAT, a waiter, a manager, the cash method. */
export interface FiskalyShop {
  fake: FakeFiskaly;
  t: TestApp;
  waiter: NewStaff;
  manager: NewStaff;
  r: Restaurant;
  cashId: string;
}

/** Starts the fake (as `prepare` sets it) and the service pointed at it, with `env` besides. */
export async function fiskalyShop(
  prepare: (fake: FakeFiskaly) => void = () => undefined,
  env: Record<string, string> = {},
): Promise<FiskalyShop> {
  const fake = await new FakeFiskaly().start();
  prepare(fake);
  const t = await startTestApp({ ...fake.env(), ...env });
  const { waiter, manager, r, methodOf } = await shopOf(t, 'VAT');
  return { fake, t, waiter, manager, r, cashId: methodOf('cash') };
}

/**
 * What every fiscal spec sells with: 19 % VAT by default (named `rateName`), a restaurant, a waiter, a manager,
 * and the payment methods the service starts with, found by kind.
 */
async function shopOf(t: TestApp, rateName: string) {
  const admin = await loginAdmin(t);
  await factories(t, admin).newTaxRate({ name: rateName, percent: 19, isDefault: true });
  const r = await factories(t, admin).newRestaurant();
  const [waiter, manager] = await Promise.all([newStaff(t, Role.Waiter), newStaff(t, Role.Manager)]);
  const listed = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
    id: string;
    kind: string;
  }>;
  const methodOf = (kind: string) => listed.find((method) => method.kind === kind)!.id;
  return { admin, waiter, manager, r, methodOf };
}

/** A takeaway order opened on a device (X-Device-Id), sent to the kitchen, paid in cash and closed: its id. */
export async function soldOn(
  t: TestApp,
  session: Session,
  sale: { device: string; dishId: string; quantity: number; cashId: string },
): Promise<string> {
  const order = (
    await as(t, session)
      .post('/api/v1/orders')
      .set('X-Device-Id', sale.device)
      .send({ type: 'takeaway', items: [{ dishId: sale.dishId, quantity: sale.quantity }] })
      .expect(201)
  ).body as { id: string; total: number };
  await as(t, session)
    .post(`/api/v1/orders/${order.id}/payments`)
    .send({ methodId: sale.cashId, amount: order.total })
    .expect(201);
  await as(t, session).patch(`/api/v1/orders/${order.id}/status`).send({ status: 'closed' }).expect(200);
  return order.id;
}

/** A night signed by the simulated unit, for the DSFinV-K specs: the restaurant, its staff and payment methods. */
export interface FiscalNight {
  t: TestApp;
  admin: Session;
  waiter: NewStaff;
  manager: NewStaff;
  r: Restaurant;
  methods: { cash: string; card: string; giftCard: string };
  /** Waits until the unit signed everything recorded, closes the business day and exports it: the ZIP. */
  closeAndExport(): Promise<Buffer>;
  end(): Promise<void>;
}

/**
 * Starts the service signing with the simulated unit (its key and log in a folder of its own) and the master data
 * the DSFinV-K asks for (Anhang G), at mid business day: 19 % VAT by default, a restaurant, a waiter, a manager,
 * and the cash, card and gift card methods.
 */
export async function fiscalNight(): Promise<FiscalNight> {
  const folder = mkdtempSync(join(tmpdir(), 'pos-dsfinvk-'));
  const t = await startTestApp({
    FISCAL_SIGNER: 'simulated-tse',
    FISCAL_TSE_DIR: join(folder, 'tse'),
    RESTAURANT_NAME: 'Zur Linde',
    RESTAURANT_ADDRESS: 'Lindenstraße 1\\n10115 Berlin',
    RESTAURANT_TAX_ID: 'DE123456789',
  });
  t.clock.moveToMidBusinessDay();
  const { admin, waiter, manager, r, methodOf } = await shopOf(t, 'MwSt 19 %');
  const giftCard = (
    await as(t, admin)
      .post('/api/v1/payment-methods')
      .send({ name: 'Gutschein', kind: 'gift_card' })
      .expect(201)
  ).body as { id: string };
  const methods = {
    cash: methodOf('cash'),
    card: methodOf('card'),
    giftCard: giftCard.id,
  };
  return {
    t,
    admin,
    waiter,
    manager,
    r,
    methods,
    async closeAndExport() {
      await eventually('the unit signed everything recorded', async () => {
        const [unit] = (await as(t, manager.session).get('/api/v1/fiscal/units').expect(200)).body
          .items as Array<{ signed: number; pending: number; failed: number }>;
        return unit.signed > 0 && unit.pending + unit.failed === 0;
      });
      const { businessDay } = (
        await as(t, manager.session)
          .post('/api/v1/business-days/close')
          .send({ uncountedCashConfirmed: true })
          .expect(201)
      ).body as { businessDay: string };
      t.clock.advance(DAY_MS);
      return (
        await as(t, manager.session)
          .get(`/api/v1/fiscal/dsfinvk?from=${businessDay}&to=${businessDay}`)
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer;
    },
    async end() {
      await t.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * An Aioli sauce (1.50) for the fries, and a Menu (15.00) of a burger and a beer: a line with a modifier and one of
 * a combo, whose parts the export's subitems.csv names.
 */
export async function sauceAndCombo(
  t: TestApp,
  admin: Session,
  r: Restaurant,
): Promise<{ aioli: string; menu: string }> {
  const sauce = (
    await as(t, admin)
      .post('/api/v1/modifier-groups')
      .send({
        name: 'Sauce',
        minChoices: 0,
        maxChoices: 1,
        options: [{ name: 'Aioli', priceDelta: 150, sortOrder: 0 }],
      })
      .expect(201)
  ).body as { id: string; options: Array<{ id: string }> };
  await as(t, admin)
    .patch(`/api/v1/dishes/${r.fries.id}`)
    .send({ modifierGroupIds: [sauce.id] })
    .expect(200);
  const choice = (dish: { id: string; variations: Array<{ id: string }> }) => ({
    dishId: dish.id,
    variationId: dish.variations[0].id,
    upcharge: 0,
  });
  const menu = (
    await as(t, admin)
      .post('/api/v1/dishes')
      .send({
        name: 'Menu',
        price: 1500,
        categoryId: r.category.id,
        combo: {
          slots: [
            { name: 'Main', minChoices: 1, maxChoices: 1, choices: [choice(r.burger)] },
            { name: 'Drink', minChoices: 1, maxChoices: 1, choices: [choice(r.beer)] },
          ],
        },
      })
      .expect(201)
  ).body as { id: string };
  return { aioli: sauce.options[0].id, menu: menu.id };
}
