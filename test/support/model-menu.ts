import { csvQuoted } from '../../src/common/csv-write';
import { parseCsv } from './csv';
import { Model, ModelCommand } from './model-state';
import type { World } from './model-world';

/**
 * The model-based spec's command of the back office's menu CSV: a manager reprices a dish by exporting the menu,
 * editing one price and importing the file, checked first (a dry run) as the back office does. The dry run plans
 * exactly that one change and changes nothing; the import makes it; orders already open keep their prices. The
 * channel's orders, which send their prices, send the new one from then on.
 */
export class RepriceByImport implements ModelCommand {
  constructor(
    readonly dish: number,
    readonly change: number,
  ) {}

  check = () => true;

  async run(model: Model, world: World): Promise<void> {
    const dish = world.dishes[this.dish % world.dishes.length];
    const price = Math.max(50, dish.price + this.change);
    const exported = await world.call('admin', 'get', '/menu/export?format=csv');
    if (!world.expect(exported, 'ok', String(this))) return;
    const { variationId } = await this.variationOf(world, dish.id);
    const csv = withPrice(exported.text, variationId, price);
    // One at a time, nothing else moves the open orders while the import runs: their totals must hold.
    const openBefore = world.relaxed ? [] : await this.totals(model, world);

    const check = await world.call('admin', 'post', '/menu/import', { csv, dryRun: true });
    if (!world.expect(check, 'ok', String(this))) return;
    const updates = (check.body.lines as Array<{ action: string; changes: string[] }>).filter(
      (line) => line.action !== 'unchanged',
    );
    const planned = price === dish.price ? [] : [{ action: 'update', changes: ['price'] }];
    if (
      !world.relaxed &&
      JSON.stringify(updates.map(({ action, changes }) => ({ action, changes }))) !== JSON.stringify(planned)
    ) {
      throw new Error(`${String(this)}: the dry run planned ${JSON.stringify(check.body.lines)}`);
    }
    if (!world.relaxed && (await this.priceOf(world, dish.id)) !== dish.price) {
      throw new Error(`${String(this)}: the dry run changed the price`);
    }

    const imported = await world.call('admin', 'post', '/menu/import', { csv });
    if (!world.expect(imported, 'ok', String(this))) return;
    // With commands at once another import may have landed after this one: the menu says what is in force.
    dish.price = await this.priceOf(world, dish.id);
    if (world.relaxed) return;
    if (dish.price !== price) throw new Error(`${String(this)}: imported, the price is ${dish.price}`);
    const openAfter = await this.totals(model, world);
    if (JSON.stringify(openAfter) !== JSON.stringify(openBefore)) {
      throw new Error(
        `${String(this)}: open orders' totals moved: ${JSON.stringify(openBefore)} → ${JSON.stringify(openAfter)}`,
      );
    }
  }

  /** The model's dishes have one variation each: its id and price. */
  private async variationOf(world: World, dishId: string): Promise<{ variationId: string; price: number }> {
    const [variation] = (await world.read(`/dishes/${dishId}`)).variations as Array<{
      id: string;
      price: number;
    }>;
    return { variationId: variation.id, price: variation.price };
  }

  private async priceOf(world: World, dishId: string): Promise<number> {
    return (await this.variationOf(world, dishId)).price;
  }

  private async totals(model: Model, world: World): Promise<Array<[string, number]>> {
    const totals: Array<[string, number]> = [];
    for (const order of model.open())
      totals.push([order.id, Number((await world.read(`/orders/${order.id}`)).total)]);
    return totals;
  }

  toString = () => `RepriceByImport(d${this.dish},${this.change})`;
}

/** The exported CSV with `price` on the line of the given variation (the export keys each line by its id). */
function withPrice(csv: string, variationId: string, price: number): string {
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
  const line = rows.find((row) => row.key === variationId);
  if (!line) throw new Error(`the menu's export has no line for variation ${variationId}`);
  line.price = (price / 100).toFixed(2);
  const header = Object.keys(rows[0]);
  return [header, ...rows.map((row) => header.map((column) => row[column]))]
    .map((fields) => `${fields.map(csvQuoted).join(',')}\r\n`)
    .join('');
}
