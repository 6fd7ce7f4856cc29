import { as, loginAdmin, newWaiter, Session } from './support/clients';
import { Json, menuFixture } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';

interface Plan {
  applied: boolean;
  lines: Array<{ line: number; action: string; dish: string; variation: string; changes: string[] }>;
  newCategories: string[];
  problems: Array<{ line: number; column: string | null; message: string }>;
}

interface DishBody {
  id: string;
  name: string;
  categoryId: string;
  taxRateIds: string[];
  variations: Array<{ id: string; name: string; price: number; available: boolean }>;
}

const HEADER = 'key,category,dish,variation,price,tax,station,allergens,available';

describe('Menu CSV export and import', () => {
  let t: TestApp;
  let admin: Session;
  const { api, newCategory, newStation, newIngredient, newDish, count } = menuFixture(
    () => t,
    () => admin,
  );
  let pizza: Json;
  let margherita: Json;

  const exportCsv = async (): Promise<string> => {
    const response = await api().get('/api/v1/menu/export?format=csv').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="menu.csv"');
    return response.text;
  };
  const importCsv = (csv: string, dryRun: boolean) => api().post('/api/v1/menu/import').send({ csv, dryRun });
  const planOf = async (csv: string, dryRun = true): Promise<Plan> =>
    (await importCsv(csv, dryRun).expect(200)).body as Plan;
  const dishes = async (): Promise<DishBody[]> =>
    ((await api().get('/api/v1/dishes?perPage=100').expect(200)).body as { items: DishBody[] }).items;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    await api().post('/api/v1/tax-rates').send({ name: 'VAT 19%', percent: 19 }).expect(201);
    await api().post('/api/v1/tax-rates').send({ name: 'Reduced', percent: 7 }).expect(201);
    pizza = await newCategory('Pizza');
    const oven = await newStation('Oven');
    const cheese = await newIngredient('Mozzarella', ['milk']);
    const dough = await newIngredient('Dough', ['gluten']);
    margherita = await newDish({
      name: 'Margherita',
      categoryId: pizza.id,
      stationId: oven.id,
      ingredientIds: [cheese.id, dough.id],
      variations: [
        { name: 'Small', price: 850 },
        { name: 'Large', price: 1250, sortOrder: 1 },
      ],
    });
    await newDish({ name: 'Fish, "chips"\nand peas', categoryId: pizza.id, price: 1000 });
  });

  afterAll(() => t.close());

  it('exports one line per variation that reads back as no change', async () => {
    const csv = await exportCsv();
    const [small, large] = margherita.variations;
    const [header, fish, ...rest] = csv.split('\r\n');
    expect(header).toBe(HEADER);
    // Dishes by name: "Fish…" first, its name quoted with its comma, quotes and line break.
    expect(fish).toMatch(/^[0-9a-f-]{36},Pizza,"Fish, ""chips""\nand peas",Regular,10.00,,,,yes$/);
    expect(rest).toEqual([
      `${small.id},Pizza,Margherita,Small,8.50,,Oven,gluten; milk,yes`,
      `${large.id},Pizza,Margherita,Large,12.50,,Oven,gluten; milk,yes`,
      '',
    ]);
    const plan = await planOf(csv);
    expect(plan.problems).toEqual([]);
    expect(plan.applied).toBe(false);
    expect(plan.lines.map((line) => [line.line, line.action])).toEqual([
      [2, 'unchanged'],
      [4, 'unchanged'],
      [5, 'unchanged'],
    ]);
    // A real run of the same file changes nothing either.
    const before = await dishes();
    expect((await planOf(csv, false)).applied).toBe(true);
    expect(await dishes()).toEqual(before);
  });

  it('plans the changes in a dry run and changes nothing, then makes exactly them', async () => {
    const [small, large] = margherita.variations;
    const csv =
      `\uFEFF${HEADER}\r\n` +
      `${small.id},Pizza,Margherita,Small,9.00,VAT 19%,Oven,gluten; milk,yes\r\n` +
      `${large.id},Pizza,Margherita,Large,12.50,19%,Oven,"milk;gluten",no\r\n` +
      ',Pizza,Margherita,Family,20,19 %,Oven,gluten;milk,yes\r\n' +
      ',Desserts,"Tiramisu, classic",Regular,6.5,Reduced,,,yes\r\n';
    const before = await dishes();
    const categories = await count('categories');
    const plan = await planOf(csv);
    expect(plan).toEqual({
      applied: false,
      problems: [],
      newCategories: ['Desserts'],
      lines: [
        { line: 2, action: 'update', dish: 'Margherita', variation: 'Small', changes: ['tax', 'price'] },
        { line: 3, action: 'update', dish: 'Margherita', variation: 'Large', changes: ['available'] },
        { line: 4, action: 'create', dish: 'Margherita', variation: 'Family', changes: [] },
        { line: 5, action: 'create', dish: 'Tiramisu, classic', variation: 'Regular', changes: [] },
      ],
    });
    expect(await dishes()).toEqual(before);
    expect(await count('categories')).toBe(categories);

    const applied = await planOf(csv, false);
    expect(applied).toEqual({ ...plan, applied: true });
    const after = await dishes();
    const changed = after.find((dish) => dish.id === margherita.id)!;
    expect(changed.taxRateIds).toHaveLength(1);
    expect(changed.variations.map((v) => [v.name, v.price, v.available])).toEqual([
      ['Small', 900, true],
      ['Large', 1250, false],
      ['Family', 2000, true],
    ]);
    const tiramisu = after.find((dish) => dish.name === 'Tiramisu, classic')!;
    expect(tiramisu.variations.map((v) => v.price)).toEqual([650]);
    expect(tiramisu.categoryId).not.toBe(pizza.id);
    expect(after.filter((dish) => !['Tiramisu, classic'].includes(dish.name))).toHaveLength(before.length);
    // And the export now reads back unchanged.
    const again = await planOf(await exportCsv());
    expect(again.lines.every((line) => line.action === 'unchanged')).toBe(true);
  });

  it('refuses a file with bad lines, naming each line and column, and changes nothing', async () => {
    const [small] = margherita.variations;
    const csv =
      `${HEADER}\n` +
      `${small.id},Pizza,Margherita,Small,8.505,,Oven,gluten; milk,yes\n` +
      ',Pizza,Calzone,Regular,-3,,,,yes\n' +
      ',Pizza,Diavola,Regular,ten,,,,maybe\n' +
      ',Pizza,Funghi,Regular,9.50,VAT 99%,Grill,,yes\n' +
      ',Pizza,Marinara,Regular,7.00,,,peanuts,yes\n' +
      'not-a-key,Pizza,Quattro,Regular,7.00,,,,yes\n' +
      ',Pizza,Marinara,Regular,7.50,,,,yes\n';
    const before = await dishes();
    const plan = await planOf(csv);
    const where = plan.problems.map((problem) => [problem.line, problem.column]);
    expect(where).toEqual([
      [2, 'price'],
      [3, 'price'],
      [4, 'price'],
      [4, 'available'],
      [5, 'station'],
      [5, 'tax'],
      [6, 'allergens'],
      [7, 'key'],
      [8, 'variation'],
    ]);
    expect(plan.problems[0].message).toContain('"8.505" is not a price');

    const refused = await importCsv(csv, false).expect(422);
    expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    const details = (refused.body as { error: { details: Array<{ field: string }> } }).error.details;
    expect(details.map((detail) => detail.field)).toEqual(
      where.map(([line, column]) => `line ${line}, ${column}`),
    );
    expect(await dishes()).toEqual(before);
  });

  it('names the line of a broken quote and of a missing header column', async () => {
    const broken = await planOf(`${HEADER}\n,Pizza,"Open,x,1.00,,,,yes\n`);
    expect(broken.problems).toEqual([
      { line: 2, column: null, message: expect.stringContaining('not closed') },
    ]);
    const headless = await planOf('dish,price\nA,1.00\n');
    expect(headless.problems[0]).toMatchObject({ line: 1, column: null });
    expect(headless.problems[0].message).toContain('category');
  });

  describe('availability: what a guest can order', () => {
    let lasagne: Json;
    let soup: Json;
    const guestVariations = async (dishName: string): Promise<string[]> => {
      const menu = (await api().get('/api/v1/menu').expect(200)).body as {
        categories: Array<{ dishes: Array<{ name: string; variations: Array<{ name: string }> }> }>;
      };
      const dish = menu.categories.flatMap((category) => category.dishes).find((d) => d.name === dishName);
      return dish?.variations.map((variation) => variation.name) ?? [];
    };
    const exportedLines = async (dishName: string): Promise<string[]> =>
      (await exportCsv()).split('\r\n').filter((line) => line.includes(`,${dishName},`));

    beforeAll(async () => {
      const pasta = await newCategory('Pasta');
      lasagne = await newDish({
        name: 'Lasagne',
        categoryId: pasta.id,
        variations: [
          { name: 'Small', price: 600 },
          { name: 'Large', price: 900, sortOrder: 1 },
        ],
      });
      soup = await newDish({ name: 'Soup', categoryId: pasta.id, price: 500 });
      await api().patch(`/api/v1/dishes/${lasagne.id}/availability`).send({ available: false }).expect(200);
      const [bowl] = soup.variations;
      await api()
        .patch(`/api/v1/dishes/${soup.id}/variations/${bowl.id}/stock`)
        .send({ count: 0 })
        .expect(200);
    });

    it("exports a dish 86'd as a whole, and a sold-out variation, as not available, and reads that back as no change", async () => {
      const [small, large] = lasagne.variations;
      expect(await guestVariations('Lasagne')).toEqual([]);
      expect(await exportedLines('Lasagne')).toEqual([
        `${small.id},Pasta,Lasagne,Small,6.00,,,,no`,
        `${large.id},Pasta,Lasagne,Large,9.00,,,,no`,
      ]);
      expect(await exportedLines('Soup')).toEqual([`${soup.variations[0].id},Pasta,Soup,Regular,5.00,,,,no`]);
      const csv = await exportCsv();
      const plan = await planOf(csv);
      expect(plan.problems).toEqual([]);
      expect(plan.lines.filter((line) => line.action !== 'unchanged')).toEqual([]);
      const before = await dishes();
      expect((await planOf(csv, false)).applied).toBe(true);
      expect(await dishes()).toEqual(before);
      expect(await guestVariations('Lasagne')).toEqual([]);
    });

    it("a yes on one line of an 86'd dish offers that variation and keeps its others off; a no 86es just that one", async () => {
      const [small, large] = lasagne.variations;
      const yes = `${HEADER}\n${large.id},Pasta,Lasagne,Large,9.00,,,,yes\n`;
      expect((await planOf(yes)).lines).toEqual([
        { line: 2, action: 'update', dish: 'Lasagne', variation: 'Large', changes: ['available'] },
      ]);
      await planOf(yes, false);
      expect(await guestVariations('Lasagne')).toEqual(['Large']);
      expect(await exportedLines('Lasagne')).toEqual([
        `${small.id},Pasta,Lasagne,Small,6.00,,,,no`,
        `${large.id},Pasta,Lasagne,Large,9.00,,,,yes`,
      ]);
      expect((await planOf(await exportCsv())).lines.every((line) => line.action === 'unchanged')).toBe(true);

      const no = `${HEADER}\n${large.id},Pasta,Lasagne,Large,9.00,,,,no\n`;
      await planOf(no, false);
      expect(await guestVariations('Lasagne')).toEqual([]);
      expect(await exportedLines('Lasagne')).toEqual([
        `${small.id},Pasta,Lasagne,Small,6.00,,,,no`,
        `${large.id},Pasta,Lasagne,Large,9.00,,,,no`,
      ]);
      // The sold-out soup: a yes is a person's word over the count, as the menu's own switch.
      await planOf(`${HEADER}\n${soup.variations[0].id},Pasta,Soup,Regular,5.00,,,,yes\n`, false);
      expect(await guestVariations('Soup')).toEqual(['Regular']);
    });
  });

  it('reads a price with a decimal comma, and refuses one with a thousands separator', async () => {
    const [small] = margherita.variations;
    const comma = `${HEADER}\n${small.id},Pizza,Margherita,Small,"9,50",VAT 19%,Oven,gluten; milk,yes\n`;
    expect((await planOf(comma)).lines).toEqual([
      { line: 2, action: 'update', dish: 'Margherita', variation: 'Small', changes: ['price'] },
    ]);
    const ambiguous = ['1.234,50', '1,234.50', '1.234', '1,234', '1 234,50', '9,505'];
    const bad = await planOf(
      `${HEADER}\n` +
        ambiguous
          .map((price) => `,Pizza,Margherita,Small,"${price}",VAT 19%,Oven,gluten; milk,yes`)
          .join('\n'),
    );
    expect(bad.problems.map((problem) => [problem.line, problem.column])).toEqual(
      ambiguous.map((_, index) => [index + 2, 'price']),
    );
    expect(bad.problems[0].message).toBe(
      '"1.234,50" is not a price like 8.50 or 8,50 (at most two decimals, no thousands separator, not negative)',
    );
  });

  it('reads a file a German spreadsheet saves: semicolons between fields, decimal commas', async () => {
    const [small, large] = margherita.variations;
    const semicolons =
      'key;category;dish;variation;price;tax;station;allergens;available\r\n' +
      `${small.id};Pizza;Margherita;Small;9,50;VAT 19%;Oven;"gluten; milk";yes\r\n` +
      `${large.id};Pizza;Margherita;Large;12,50;VAT 19%;Oven;"gluten; milk";no\r\n`;
    const plan = await planOf(semicolons);
    expect(plan.problems).toEqual([]);
    expect(plan.lines).toEqual([
      { line: 2, action: 'update', dish: 'Margherita', variation: 'Small', changes: ['price'] },
      { line: 3, action: 'unchanged', dish: 'Margherita', variation: 'Large', changes: [] },
    ]);
    await planOf(semicolons, false);
    expect((await dishes()).find((dish) => dish.id === margherita.id)!.variations[0].price).toBe(950);
  });

  it('lets only menu writers import, and any staff export', async () => {
    const waiter = await newWaiter(t);
    await as(t, waiter.session).post('/api/v1/menu/import').send({ csv: HEADER, dryRun: true }).expect(403);
    await as(t, waiter.session).get('/api/v1/menu/export?format=csv').expect(200);
    await api().get('/api/v1/menu/export?format=pdf').expect(422);
  });
});
