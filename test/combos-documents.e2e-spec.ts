import { as, loginAdmin, newWaiter, NewStaff, Session } from './support/clients';
import { readPdf, svgLines, binary } from './support/document-readers';
import { decodeEscPos } from './support/escpos-decoder';
import { factories } from './support/factories';
import type { Json } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';

const occurrences = (text: string, part: string) => text.split(part).length - 1;
const sumOf = (lines: Array<{ total: number }>) => lines.reduce((sum, line) => sum + line.total, 0);

/** What a guest reads under the combo line: its components and their options, in order. */
const GUEST_COMPONENTS = ['Burger', 'Fries', '+ Ketchup', 'Cola'];

/**
 * The five printed lines of the combo, from its own: the combo with its price, then its components indented under its
 * name (their options further in), none with a price.
 */
function comboBlock(lines: string[]): { line: string; under: string[]; nameAt: number } {
  const at = lines.findIndex((line) => line.includes('Burger Menu'));
  expect(at).toBeGreaterThanOrEqual(0);
  return {
    line: lines[at],
    under: lines.slice(at + 1, at + 1 + GUEST_COMPONENTS.length),
    nameAt: lines[at].indexOf('Burger Menu'),
  };
}

describe('Combos as the guest sees them: one line with its components on bills, receipts and the QR page', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let table: { id: string; qrToken: string };
  let d: Record<'burger' | 'fries' | 'cola' | 'soup' | 'menu', Json>;
  let ketchupId: string;
  let cardId: string;
  let order: Json;

  const api = () => as(t, waiter.session);

  beforeAll(async () => {
    t = await startTestApp({ QR_ORDERING: 'true', CURRENCY: 'EUR', PRICES_INCLUDE_TAX: 'true' });
    admin = await loginAdmin(t);
    const make = factories(t, admin);
    waiter = await newWaiter(t);
    const rates = {
      food: await make.newTaxRate({ name: 'Food', percent: 7 }),
      drink: await make.newTaxRate({ name: 'Drinks', percent: 19 }),
    };
    const stations = { grill: await make.newStation('Grill'), bar: await make.newStation('Bar') };
    const category = await make.newCategory('Menu');
    const sauce = (
      await as(t, admin)
        .post('/api/v1/modifier-groups')
        .send({
          name: 'Sauce',
          minChoices: 0,
          maxChoices: 1,
          options: [{ name: 'Ketchup', priceDelta: 50, sortOrder: 0 }],
        })
        .expect(201)
    ).body;
    ketchupId = sauce.options[0].id;
    const dish = async (
      name: string,
      price: number,
      station: 'grill' | 'bar',
      extra: object = {},
    ): Promise<Json> =>
      (
        await as(t, admin)
          .post('/api/v1/dishes')
          .send({
            name,
            price,
            categoryId: category.id,
            stationId: stations[station].id,
            taxRateIds: [rates[station === 'bar' ? 'drink' : 'food'].id],
            ...extra,
          })
          .expect(201)
      ).body;
    const burger = await dish('Burger', 990, 'grill');
    const fries = await dish('Fries', 390, 'grill', { modifierGroupIds: [sauce.id] });
    const cola = await dish('Cola', 300, 'bar');
    const soup = await dish('Tomato soup', 650, 'grill');
    const slot = (name: string, choice: Json) => ({
      name,
      minChoices: 1,
      maxChoices: 1,
      choices: [{ dishId: choice.id, variationId: choice.variations[0].id }],
    });
    const menu = (
      await as(t, admin)
        .post('/api/v1/dishes')
        .send({
          name: 'Burger Menu',
          price: 1290,
          categoryId: category.id,
          combo: { slots: [slot('Main', burger), slot('Side', fries), slot('Drink', cola)] },
        })
        .expect(201)
    ).body;
    d = { burger, fries, cola, soup, menu };
    table = await make.newTable('T7');
    const methods = (await api().get('/api/v1/payment-methods/active').expect(200)).body.items as Json[];
    cardId = methods.find((method) => method.kind === 'card').id;

    // The guest orders a combo (fries with ketchup) and a soup from the table's QR page; the waiter accepts.
    const sent = await t
      .http()
      .post(`/api/v1/public/tables/${table.qrToken}/orders`)
      .send({
        items: [
          {
            dishId: d.menu.id,
            quantity: 1,
            comboChoices: [
              { slot: 0, dishId: d.burger.id },
              { slot: 1, dishId: d.fries.id, modifiers: [{ optionId: ketchupId }] },
              { slot: 2, dishId: d.cola.id },
            ],
          },
          { dishId: d.soup.id, quantity: 1 },
        ],
      })
      .expect(201);
    order = (await api().patch(`/api/v1/orders/${sent.body.id}/status`).send({ status: 'open' }).expect(200))
      .body;
  });

  afterAll(() => t.close());

  it('keeps the combo one line in the order: the combo, its price with the option, its components', () => {
    expect((order.items as Json[]).map((item): unknown[] => [item.name, item.total])).toEqual([
      ['Burger Menu', 1340],
      ['Tomato soup', 650],
    ]);
    expect(order.items[0]).toMatchObject({ unitPrice: 1340, listPrice: 1340 });
    expect(order.total).toBe(1990);
  });

  it('shows the guest on the QR page the combo as one line with its components, never their prices', async () => {
    const { body } = await t
      .http()
      .get(`/api/v1/public/tables/${table.qrToken}/orders/${order.id}`)
      .expect(200);
    expect(body.total).toBe(1990);
    expect(body.items).toHaveLength(2);
    const [combo, soup] = body.items as Json[];
    expect(combo).toMatchObject({
      name: 'Burger Menu',
      quantity: 1,
      listPrice: 1340,
      unitPrice: 1340,
      total: 1340,
      modifiers: [],
      status: 'new',
    });
    expect(combo.components).toEqual([
      { name: 'Burger', variationName: 'Regular', slotName: 'Main', modifiers: [], status: 'new' },
      {
        name: 'Fries',
        variationName: 'Regular',
        slotName: 'Side',
        modifiers: [{ name: 'Ketchup' }],
        status: 'new',
      },
      { name: 'Cola', variationName: 'Regular', slotName: 'Drink', modifiers: [], status: 'new' },
    ]);
    expect(soup).toMatchObject({ name: 'Tomato soup', total: 650 });
    expect(soup.components).toBeUndefined();
    expect(sumOf(body.items)).toBe(body.total);
  });

  it('puts the combo on the bill as JSON: one line with its total and its components beneath', async () => {
    const { body } = await api().get(`/api/v1/orders/${order.id}/bill`).expect(200);
    expect(body.lines).toEqual([
      {
        name: 'Burger Menu',
        variationName: 'Regular',
        quantity: 1,
        unitPrice: 1340,
        modifiers: [],
        seat: null,
        total: 1340,
        components: [
          { name: 'Burger', variationName: 'Regular', modifiers: [] },
          { name: 'Fries', variationName: 'Regular', modifiers: [{ name: 'Ketchup' }] },
          { name: 'Cola', variationName: 'Regular', modifiers: [] },
        ],
      },
      expect.objectContaining({ name: 'Tomato soup', total: 650 }),
    ]);
    expect(body.lines[1].components).toBeUndefined();
    expect(sumOf(body.lines)).toBe(body.total);
    expect(body.total).toBe(1990);
  });

  it.each([32, 48])(
    'prints the bill on %i-character paper with the combo once, its components indented beneath',
    async (width) => {
      const response = await api()
        .get(`/api/v1/orders/${order.id}/bill?format=escpos&width=${width}`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const { lines, widest } = decodeEscPos(response.body as Buffer);
      expect(widest).toBeLessThanOrEqual(width);
      const text = lines.join('\n');
      expect(occurrences(text, 'Burger Menu')).toBe(1);
      const { line, under, nameAt } = comboBlock(lines);
      expect(line).toMatch(/^1x +Burger Menu +€13\.40$/);
      expect(under.map((row) => row.trim())).toEqual(GUEST_COMPONENTS);
      expect(under.map((row) => row.search(/\S/))).toEqual([nameAt + 2, nameAt + 2, nameAt + 4, nameAt + 2]);
      expect(under.join('\n')).not.toContain('€');
      expect(lines[lines.indexOf(line) + 1 + GUEST_COMPONENTS.length]).toMatch(/^1x +Tomato soup +€6\.50$/);
      expect(text).toMatch(/TOTAL +€19\.90/);
    },
  );

  it('shows the same bill as SVG and PDF', async () => {
    const svg = await api()
      .get(`/api/v1/orders/${order.id}/bill?format=svg&width=42`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const lines = svgLines((svg.body as Buffer).toString('utf8'));
    const { line, under } = comboBlock(lines);
    expect(line).toMatch(/1x Burger Menu €13\.40/);
    expect(under.map((row) => row.trim())).toEqual(GUEST_COMPONENTS);
    expect(lines.join('\n')).toContain('TOTAL €19.90');
    const pdf = await api()
      .get(`/api/v1/orders/${order.id}/bill?format=pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const { text } = readPdf(pdf.body as Buffer);
    expect(occurrences(text, 'Burger Menu')).toBe(1);
    for (const component of GUEST_COMPONENTS) expect(text).toContain(component);
  });

  it('issues the receipt with the combo line and its components, the tax per rate of each component', async () => {
    const staff = (await api().get(`/api/v1/orders/${order.id}`).expect(200)).body;
    await api()
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cardId, amount: staff.due })
      .expect(201);
    await api().patch(`/api/v1/orders/${order.id}/status`).send({ status: 'closed' }).expect(200);
    const page = (await api().get('/api/v1/receipts?perPage=100').expect(200)).body.items as Json[];
    const listed = page.find((one) => one.orderId === order.id)!;
    const receipt = (await api().get(`/api/v1/receipts/${listed.id}`).expect(200)).body;
    expect(
      (receipt.lines as Json[]).map((line): unknown[] => [line.name, line.total, line.components]),
    ).toEqual([
      [
        'Burger Menu',
        1340,
        [
          { name: 'Burger', variationName: 'Regular', modifiers: [] },
          { name: 'Fries', variationName: 'Regular', modifiers: [{ name: 'Ketchup' }] },
          { name: 'Cola', variationName: 'Regular', modifiers: [] },
        ],
      ],
      ['Tomato soup', 650, undefined],
    ]);
    expect(sumOf(receipt.lines)).toBe(receipt.total);
    expect(receipt.total).toBe(1990);
    // The cola is taxed as a drink at its part of the combo, the rest as food.
    const cola = staff.items[0].components[2].total as number;
    expect((receipt.taxes as Json[]).map((row): unknown[] => [row.percent, row.gross])).toEqual(
      expect.arrayContaining([
        [7, 1990 - cola],
        [19, cola],
      ]),
    );
    expect(receipt.taxes).toHaveLength(2);

    const escpos = await api()
      .get(`/api/v1/receipts/${receipt.id}?format=escpos&width=42`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const { lines } = decodeEscPos(escpos.body as Buffer);
    const text = lines.join('\n');
    expect(text).toContain('RECEIPT');
    expect(occurrences(text, 'Burger Menu')).toBe(1);
    const { line, under } = comboBlock(lines);
    expect(line).toMatch(/^1x +Burger Menu +€13\.40$/);
    expect(under.map((row) => row.trim())).toEqual(GUEST_COMPONENTS);
    expect(text).toMatch(/Food 7% of .+/);
    expect(text).toMatch(/Drinks 19% of .+/);

    // The digital copy at /r/<token> shows the same: the combo with its price, its components under it.
    const copy = await t
      .http()
      .get(new URL(receipt.url as string).pathname)
      .expect(200);
    expect(occurrences(copy.text, 'Burger Menu')).toBe(1);
    const shown = [...copy.text.matchAll(/<td class="detail component">([^<]*)<\/td>/g)].map(([, cell]) =>
      cell.trim(),
    );
    expect(shown).toEqual(['Burger', 'Fries + Ketchup', 'Cola']);
    expect(copy.text).toContain('€13.40');
  });
});
