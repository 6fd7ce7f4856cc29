/**
 * Every Vorgang signed as DSFinV-K expects, read from what the simulated unit signed (its log): the configured unit
 * listed from the first start; a tip as 0 % turnover with its payment, as the receipt prints it; an order cancelled
 * or merged away after the kitchen had its lines closed with AVBelegabbruch; a 40-line order within the process
 * data's 1000 characters.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../src/common/access/role';
import { amount } from '../src/fiscal/process-data';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

jest.setTimeout(120_000);

/** A line of the simulated unit's log: a transaction it signed. */
type Signed = { clientId: string; processType: string; processData: string; signatureCounter: number };

describe('Every Vorgang signed as DSFinV-K expects', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let cardId: string;
  const folder = mkdtempSync(join(tmpdir(), 'pos-tse-'));

  beforeAll(async () => {
    t = await startTestApp({ FISCAL_SIGNER: 'simulated-tse', FISCAL_TSE_DIR: folder });
    admin = await loginAdmin(t);
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    await factories(t, admin).newTaxRate({ name: 'VAT', percent: 19, isDefault: true });
    r = await factories(t, admin).newRestaurant();
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    cardId = methods.find((method) => method.kind === 'card')!.id;
  });

  afterAll(async () => {
    await t?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** What the unit signed for a till, in signature order, once `count` are there. */
  const signedAt = (clientId: string, count: number): Promise<Signed[]> =>
    eventually(`${count} transactions signed at ${clientId}`, () => {
      let text = '';
      try {
        text = readFileSync(join(folder, 'log.jsonl'), 'utf8');
      } catch {
        return false;
      }
      const lines = text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Signed)
        .filter((line) => line.clientId === clientId)
        .sort((a, b) => a.signatureCounter - b.signatureCounter);
      return lines.length >= count && lines;
    });

  const openOrder = async (device: string, items: object[]): Promise<{ id: string; total: number }> =>
    (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .set('X-Device-Id', device)
        .send({ type: 'takeaway', items })
        .expect(201)
    ).body as { id: string; total: number };

  it('lists the configured unit from the first start, before it signed anything', async () => {
    const units = await eventually('the unit checked', async () => {
      const page = (await as(t, manager.session).get('/api/v1/fiscal/units').expect(200)).body
        .items as Array<{
        kind: string;
        inUse: boolean;
        reachable: boolean;
        signed: number;
        signatureCounter: number;
        serial: string | null;
      }>;
      return page.length > 0 && page[0].reachable && page;
    });
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({ kind: 'simulated-tse', inUse: true, signed: 0, signatureCounter: 0 });
    expect(units[0].serial).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs a tip as turnover without VAT paid with its card, as the receipt prints it', async () => {
    const order = await openOrder('tipTablet', [
      { dishId: r.fries.id, quantity: 2 },
      { dishId: r.beer.id, quantity: 1 },
    ]);
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cardId, amount: order.total, tip: 300 })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);

    const [, beleg] = await signedAt('tipTablet', 2);
    const expected = `Beleg^${amount(order.total)}_0.00_0.00_0.00_3.00^${amount(order.total + 300)}:Unbar`;
    expect(beleg).toMatchObject({ processType: 'Kassenbeleg-V1', processData: expected });
    type Receipt = { orderId: string; tips: number; total: number; fiscal: { qrCode: string | null } };
    const receipt = await eventually('the receipt signed', async () => {
      const page = (await as(t, manager.session).get('/api/v1/receipts?perPage=100').expect(200)).body
        .items as Receipt[];
      const found = page.find((one) => one.orderId === order.id);
      return found?.fiscal.qrCode && found;
    });
    // What the paper says: the total, and the tip on top, paid by card.
    expect(receipt).toMatchObject({ total: order.total, tips: 300 });
    expect(receipt.fiscal.qrCode).toContain(`;Kassenbeleg-V1;${expected};`);
  });

  it('closes an order cancelled after the kitchen had its lines with an AVBelegabbruch', async () => {
    const order = await openOrder('cancelTablet', [{ dishId: r.fries.id, quantity: 2 }]);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'cancelled', reason: 'guest left' })
      .expect(200);

    const signed = await signedAt('cancelTablet', 3);
    expect(signed.map((line) => [line.processType, line.processData])).toEqual([
      ['Bestellung-V1', `2;"${r.fries.name} Regular";4.50`],
      ['Bestellung-V1', `-2;"${r.fries.name} Regular";4.50`],
      ['Kassenbeleg-V1', 'AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^'],
    ]);
  });

  it('closes an order merged into another with an AVBelegabbruch, its lines sent on the other', async () => {
    const kept = await openOrder('mergeKept', [{ dishId: r.fries.id, quantity: 1 }]);
    const emptied = await openOrder('mergeEmptied', [{ dishId: r.beer.id, quantity: 1 }]);
    await as(t, waiter.session)
      .post(`/api/v1/orders/${kept.id}/merge`)
      .send({ fromOrderIds: [emptied.id] })
      .expect(200);

    const gone = await signedAt('mergeEmptied', 3);
    expect(gone.map((line) => line.processData)).toEqual([
      `1;"${r.beer.name} Regular";5.50`,
      `-1;"${r.beer.name} Regular";5.50`,
      'AVBelegabbruch^0.00_0.00_0.00_0.00_0.00^',
    ]);
    // The kept order's Vorgang goes on: its lines, the moved one sent there, and no abort (recorded before the
    // emptied order's abort, which is signed by now).
    const stays = await signedAt('mergeKept', 2);
    expect(stays.map((line) => line.processData)).toEqual([
      `1;"${r.fries.name} Regular";4.50`,
      `1;"${r.beer.name} Regular";5.50`,
    ]);
  });

  it('signs a 40-line order in full, each transaction within the 1000 characters DSFinV-K keeps', async () => {
    const long = await factories(t, admin).newDish({
      name: `Grilled vegetable platter with halloumi and herbs ${Math.random().toString(36).slice(2, 8)}`,
      categoryId: r.category.id,
      stationId: r.grill.id,
      price: 1290,
    });
    const lines = Array.from({ length: 40 }, (_, i) => ({
      dishId: long.id,
      quantity: 1,
      comment: `line ${i + 1}`,
    }));
    await openOrder('longTablet', lines);

    const signed = await eventually('the whole order signed', async () => {
      const parts = await signedAt('longTablet', 1);
      const count = parts.flatMap((part) => part.processData.split('\r')).length;
      return count === 40 && parts;
    });
    expect(signed.length).toBeGreaterThan(1);
    for (const part of signed) {
      expect(part.processType).toBe('Bestellung-V1');
      expect(part.processData.length).toBeLessThanOrEqual(1000);
      for (const line of part.processData.split('\r')) expect(line).toBe(`1;"${long.name} Regular";12.90`);
    }
  });

  it('maps odd device ids once to till ids of letters and digits, on the unit, the receipt and its QR code', async () => {
    const devices = ['tablet_7', `bar-tablet:${'6'.repeat(49)}`, `terrace.tablet-${'x'.repeat(85)}`];
    expect(devices.map((device) => device.length)).toEqual([8, 60, 100]);
    const orderIds: string[] = [];
    for (const device of devices) {
      const order = await openOrder(device, [{ dishId: r.beer.id, quantity: 1 }]);
      await as(t, waiter.session)
        .post(`/api/v1/orders/${order.id}/payments`)
        .send({ methodId: cardId, amount: order.total })
        .expect(201);
      await as(t, waiter.session)
        .patch(`/api/v1/orders/${order.id}/status`)
        .send({ status: 'closed' })
        .expect(200);
      orderIds.push(order.id);
    }
    type Receipt = { orderId: string; fiscal: { clientId: string; qrCode: string | null } };
    const receipts = await eventually('the receipts signed', async () => {
      const page = (await as(t, manager.session).get('/api/v1/receipts?perPage=100').expect(200)).body
        .items as Receipt[];
      const ours = orderIds.map((id) => page.find((receipt) => receipt.orderId === id));
      return ours.every((receipt) => receipt?.fiscal.qrCode) && (ours as Receipt[]);
    });
    const [unit] = (await as(t, manager.session).get('/api/v1/fiscal/units').expect(200)).body
      .items as Array<{
      tills: Array<{ deviceId: string; clientId: string }>;
    }>;
    const tills = devices.map((device) => unit.tills.find((till) => till.deviceId === device)!.clientId);
    expect(new Set(tills).size).toBe(3);
    expect(tills[0]).toMatch(/^tablet7[0-9a-f]{8}$/);
    receipts.forEach((receipt, i) => {
      expect(tills[i]).toMatch(/^[A-Za-z0-9]{1,30}$/);
      expect(receipt.fiscal.clientId).toBe(tills[i]);
      expect(receipt.fiscal.qrCode!.split(';')[1]).toBe(tills[i]);
    });
  });

  it('signs a gift card sold for cash or card as money without VAT, and nothing for one given away', async () => {
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    const cashId = methods.find((method) => method.kind === 'cash')!.id;
    await as(t, manager.session).post('/api/v1/gift-cards').send({ amount: 1500 }).expect(201);
    const sold = (
      await as(t, manager.session)
        .post('/api/v1/gift-cards')
        .send({ amount: 5000, sale: { methodId: cashId } })
        .expect(201)
    ).body as { id: string };
    await as(t, manager.session)
      .post(`/api/v1/gift-cards/${sold.id}/load`)
      .send({ amount: 2000, sale: { methodId: cardId } })
      .expect(200);

    // The gift card's Belege are at the shared till; the card given away (15.00) is none of them.
    const signed = await signedAt('pos', 2);
    expect(signed.map((line) => [line.processType, line.processData])).toEqual([
      ['Kassenbeleg-V1', 'Beleg^0.00_0.00_0.00_0.00_50.00^50.00:Bar'],
      ['Kassenbeleg-V1', 'Beleg^0.00_0.00_0.00_0.00_20.00^20.00:Unbar'],
    ]);
  });

  it("signs the drawer's float at the open and the counted difference at the close", async () => {
    const shift = (
      await as(t, manager.session).post('/api/v1/shifts/open').send({ openingCash: 20_000 }).expect(201)
    ).body as { id: string; expectedCash: number };
    const closed = (
      await as(t, manager.session)
        .post(`/api/v1/shifts/${shift.id}/close`)
        .send({ countedCash: shift.expectedCash - 100 })
        .expect(200)
    ).body as { difference: number };
    expect(closed.difference).toBe(-100);

    const signed = await signedAt('pos', 4);
    expect(signed.slice(2).map((line) => line.processData)).toEqual([
      'Beleg^0.00_0.00_0.00_0.00_200.00^200.00:Bar',
      'Beleg^0.00_0.00_0.00_0.00_-1.00^-1.00:Bar',
    ]);
  });
});
