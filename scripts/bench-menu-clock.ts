/**
 * The service's menu by the clock for `npm run bench` (API.md "Menu by the clock"), in force throughout the run,
 * so that GET /menu is measured with schedules and rules: a category on a schedule that is on (its dishes carry
 * `availableUntil`), a dish on a schedule that is off (left out), a percent-off rule on that category while its
 * schedule is on, a price level over every dish, and a combo of the station dishes. The window edges are hours
 * away, so that the menu built at the first read holds through the run. The dishes the scenarios order are not
 * touched: their orders cost what they did.
 */
import { DISH_PRICE } from './bench-lib';

type Post = <T = { id: string }>(path: string, body: object) => Promise<T>;

/** A dish as POST /dishes answers it. */
export interface SeededDish {
  id: string;
  stationId: string;
  variations: Array<{ id: string }>;
}

export interface MenuBase {
  categoryId: string;
  stationIds: string[];
  /** The dishes of each station, in the order of `stationIds`. */
  dishesByStation: SeededDish[][];
  modifierGroupIds: string[];
}

// The servers run in this process's environment (bench-servers.ts), with the service's default.
const TIME_ZONE = process.env.RESTAURANT_TIMEZONE || 'UTC';
const HOUR_MS = 3_600_000;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const HAPPY_HOUR_PERCENT_OFF = 20;
const LEVEL_SURCHARGE = 100;
const COMBO_PRICE = 2 * DISH_PRICE;
const UPCHARGE = 150;

/** The time of day `hours` from now on the restaurant clock, HH:MM. */
function clockIn(hours: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(Date.now() + hours * HOUR_MS));
}

/** A schedule of one window every day, from `from` to `to` hours from now. */
function schedule(post: Post, name: string, from: number, to: number) {
  return post('/api/v1/menu-schedules', {
    name,
    windows: [{ days: EVERY_DAY, from: clockIn(from), to: clockIn(to) }],
  });
}

export async function seedMenuByTheClock(post: Post, base: MenuBase): Promise<void> {
  // On from an hour ago for 12 hours; off for the next 12 hours.
  const on = await schedule(post, 'Bench: on now', -1, 11);
  const off = await schedule(post, 'Bench: off now', 12, 14);
  const specials = await post('/api/v1/categories', { name: 'Specials', scheduleId: on.id });
  const dish = (name: string, categoryId: string, stationId: string, extra: object = {}) =>
    post<SeededDish>('/api/v1/dishes', {
      name,
      categoryId,
      stationId,
      price: DISH_PRICE,
      modifierGroupIds: base.modifierGroupIds,
      ...extra,
    });
  const specialDishes: SeededDish[] = [];
  for (const [i, stationId] of base.stationIds.entries()) {
    specialDishes.push(await dish(`Special ${i + 1}`, specials.id, stationId));
  }
  await dish('Late-night snack', base.categoryId, base.stationIds[0], { scheduleId: off.id });
  await post('/api/v1/price-rules', {
    name: 'Happy hour',
    scheduleId: on.id,
    categoryId: specials.id,
    kind: 'percent_off',
    value: HAPPY_HOUR_PERCENT_OFF,
  });
  const priced = [...base.dishesByStation.flat(), ...specialDishes];
  await post('/api/v1/price-levels', {
    name: 'Takeaway',
    orderTypes: ['takeaway'],
    prices: priced.map((d) => ({ variationId: d.variations[0].id, price: DISH_PRICE + LEVEL_SURCHARGE })),
  });
  const slot = (name: string, dishes: SeededDish[]) => ({
    name,
    minChoices: 1,
    maxChoices: 1,
    choices: dishes.map((d, i) => ({
      dishId: d.id,
      variationId: d.variations[0].id,
      upcharge: i * UPCHARGE,
    })),
  });
  const [mains, sides, drinks] = base.dishesByStation;
  await dish('Bench combo', base.categoryId, base.stationIds[0], {
    price: COMBO_PRICE,
    modifierGroupIds: [],
    combo: { slots: [slot('Main', mains), slot('Side', sides), slot('Drink', drinks)] },
  });
}
