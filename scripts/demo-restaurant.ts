import type { components } from '../src/clients/shared/api-schema';
import { type DemoApi, ok } from './demo-api';

type Schemas = components['schemas'];

/** A member of the demo's staff, with the PIN and password the script prints at the end. */
export interface DemoStaff {
  username: string;
  displayName: string;
  role: Schemas['Role'];
  pin: string;
  password: string;
}

export interface DemoDish {
  id: string;
  name: string;
  variationIds: string[];
  /** Options of its modifier groups that one may pick, one per group (the first of a required group). */
  optionIds: string[][];
}

export interface DemoRestaurant {
  staff: DemoStaff[];
  tableIds: string[];
  dishes: DemoDish[];
  cashMethodId: string;
  cardMethodId: string;
}

const STAFF: Array<Omit<DemoStaff, 'password'>> = [
  { username: 'maria', displayName: 'Maria (manager)', role: 'manager', pin: '1111' },
  { username: 'tom', displayName: 'Tom', role: 'waiter', pin: '2222' },
  { username: 'lena', displayName: 'Lena', role: 'waiter', pin: '3333' },
  { username: 'ali', displayName: 'Ali (kitchen)', role: 'kitchen', pin: '4444' },
];

/** [name, price in cents, or variations as [name, price] pairs, modifier groups by name] per dish, by category. */
type DishLine = [string, number | Array<[string, number]>, string[]?];
const MENU: Array<{ category: string; station: 'Kitchen' | 'Bar'; dishes: DishLine[] }> = [
  {
    category: 'Starters',
    station: 'Kitchen',
    dishes: [
      ['Tomato soup', 590],
      ['Bruschetta', 690],
      [
        'Caesar salad',
        [
          ['Starter', 790],
          ['Main', 1290],
        ],
        ['Salad extras'],
      ],
      ['Garlic bread', 450],
      ['Beef carpaccio', 1190],
      ['Goat cheese salad', 990, ['Salad extras']],
    ],
  },
  {
    category: 'Mains',
    station: 'Kitchen',
    dishes: [
      ['Schnitzel', 1690, ['Side']],
      [
        'Burger',
        [
          ['Single', 1350],
          ['Double', 1750],
        ],
        ['Doneness', 'Burger extras'],
      ],
      ['Steak frites', 2490, ['Doneness', 'Side']],
      ['Salmon fillet', 2190, ['Side']],
      ['Risotto', 1590],
      ['Spaghetti carbonara', 1390],
      ['Vegan curry', 1490],
      ['Chicken skewers', 1590, ['Side']],
    ],
  },
  {
    category: 'Pizza',
    station: 'Kitchen',
    dishes: [
      [
        'Margherita',
        [
          ['26 cm', 890],
          ['32 cm', 1190],
        ],
        ['Pizza toppings'],
      ],
      [
        'Salami',
        [
          ['26 cm', 1050],
          ['32 cm', 1350],
        ],
        ['Pizza toppings'],
      ],
      [
        'Funghi',
        [
          ['26 cm', 990],
          ['32 cm', 1290],
        ],
        ['Pizza toppings'],
      ],
      [
        'Quattro formaggi',
        [
          ['26 cm', 1150],
          ['32 cm', 1450],
        ],
      ],
    ],
  },
  {
    category: 'Desserts',
    station: 'Kitchen',
    dishes: [
      ['Tiramisu', 690],
      ['Apple strudel', 650],
      ['Chocolate cake', 590],
      [
        'Ice cream',
        [
          ['2 scoops', 450],
          ['3 scoops', 590],
        ],
      ],
    ],
  },
  {
    category: 'Drinks',
    station: 'Bar',
    dishes: [
      [
        'Beer',
        [
          ['0.3 l', 390],
          ['0.5 l', 520],
        ],
      ],
      [
        'House wine',
        [
          ['0.1 l', 450],
          ['0.2 l', 790],
        ],
      ],
      [
        'Apple spritzer',
        [
          ['0.3 l', 350],
          ['0.5 l', 480],
        ],
      ],
      ['Cola', 350],
      [
        'Sparkling water',
        [
          ['0.25 l', 290],
          ['0.75 l', 690],
        ],
      ],
      ['Espresso', 260],
      ['Cappuccino', 380, ['Milk']],
      ['Latte macchiato', 420, ['Milk']],
    ],
  },
];

const MODIFIER_GROUPS: Array<Schemas['CreateModifierGroupInput']> = [
  {
    name: 'Doneness',
    minChoices: 1,
    maxChoices: 1,
    options: [{ name: 'Rare' }, { name: 'Medium' }, { name: 'Well done' }],
  },
  {
    name: 'Side',
    minChoices: 1,
    maxChoices: 1,
    options: [{ name: 'Fries' }, { name: 'Potato salad' }, { name: 'Green salad', priceDelta: 100 }],
  },
  {
    name: 'Burger extras',
    minChoices: 0,
    maxChoices: 3,
    options: [
      { name: 'Cheese', priceDelta: 100 },
      { name: 'Bacon', priceDelta: 150 },
      { name: 'Jalapeños', priceDelta: 80 },
    ],
  },
  {
    name: 'Pizza toppings',
    minChoices: 0,
    maxChoices: 4,
    options: [
      { name: 'Extra cheese', priceDelta: 150 },
      { name: 'Olives', priceDelta: 100 },
      { name: 'Rocket', priceDelta: 100 },
    ],
  },
  {
    name: 'Salad extras',
    minChoices: 0,
    maxChoices: 2,
    options: [
      { name: 'Chicken', priceDelta: 350 },
      { name: 'Prawns', priceDelta: 450 },
    ],
  },
  { name: 'Milk', minChoices: 0, maxChoices: 1, options: [{ name: 'Oat milk', priceDelta: 50 }] },
];

/** The demo restaurant's profile, taxes, payment methods, staff, floor, stations and menu, through the API. */
export async function setUpRestaurant(admin: DemoApi, password: () => string): Promise<DemoRestaurant> {
  const profile = await ok('read the profile', admin.GET('/api/v1/restaurant'));
  await ok(
    'write the profile',
    admin.PUT('/api/v1/restaurant', {
      body: {
        timezone: profile.timezone,
        currency: profile.currency,
        locale: profile.locale,
        name: 'Zum Goldenen Löffel',
        address: ['Marktplatz 7', '10115 Berlin'],
        taxId: 'DE123456789',
        country: 'DE',
      },
    }),
  );
  await ok(
    'apply the German tax preset',
    admin.POST('/api/v1/taxes/presets/{country}/apply', { params: { path: { country: 'DE' } } }),
  );
  const methods = await ok(
    'read payment methods',
    admin.GET('/api/v1/payment-methods', { params: { query: { perPage: 100 } } }),
  );
  const methodOf = async (kind: 'cash' | 'card', name: string) =>
    methods.items.find((method) => method.kind === kind && method.active)?.id ??
    (await ok(`add ${name}`, admin.POST('/api/v1/payment-methods', { body: { name, kind } }))).id;
  const cashMethodId = await methodOf('cash', 'Cash');
  const cardMethodId = await methodOf('card', 'Card');

  const staff: DemoStaff[] = [];
  for (const member of STAFF) {
    const withPassword = { ...member, password: password() };
    await ok(`add ${member.username}`, admin.POST('/api/v1/users', { body: withPassword }));
    staff.push(withPassword);
  }

  const tableIds: string[] = [];
  for (const [room, tables] of [
    ['Dining room', 8],
    ['Terrace', 4],
  ] as const) {
    const location = await ok(`add ${room}`, admin.POST('/api/v1/locations', { body: { name: room } }));
    for (let number = 1; number <= tables; number += 1) {
      const name = `${room === 'Terrace' ? 'T' : ''}${number}`;
      const body = { name, locationId: location.id, seats: number % 3 === 0 ? 6 : 4 };
      tableIds.push((await ok(`add table ${name}`, admin.POST('/api/v1/tables', { body }))).id);
    }
  }

  const stations = {
    Kitchen: (await ok('add the kitchen', admin.POST('/api/v1/stations', { body: { name: 'Kitchen' } }))).id,
    Bar: (await ok('add the bar', admin.POST('/api/v1/stations', { body: { name: 'Bar' } }))).id,
  };
  const groups = new Map<string, { id: string; optionIds: string[] }>();
  for (const group of MODIFIER_GROUPS) {
    const made = await ok(`add ${group.name}`, admin.POST('/api/v1/modifier-groups', { body: group }));
    groups.set(group.name, { id: made.id, optionIds: made.options.map((option) => option.id) });
  }

  const dishes: DemoDish[] = [];
  for (const [sortOrder, section] of MENU.entries()) {
    const category = await ok(
      `add ${section.category}`,
      admin.POST('/api/v1/categories', { body: { name: section.category, sortOrder } }),
    );
    for (const [name, price, groupNames = []] of section.dishes) {
      const made = await ok(
        `add ${name}`,
        admin.POST('/api/v1/dishes', {
          body: {
            name,
            categoryId: category.id,
            stationId: stations[section.station],
            prepMinutes: section.station === 'Bar' ? 2 : 12,
            ...(typeof price === 'number'
              ? { price }
              : { variations: price.map(([variation, amount]) => ({ name: variation, price: amount })) }),
            modifierGroupIds: groupNames.map((group) => groups.get(group)!.id),
          },
        }),
      );
      dishes.push({
        id: made.id,
        name,
        variationIds: made.variations.map((variation) => variation.id),
        optionIds: groupNames.map((group) => groups.get(group)!.optionIds),
      });
    }
  }
  return { staff, tableIds, dishes, cashMethodId, cardMethodId };
}
