import { randomUUID } from 'node:crypto';
import { type DemoApi, type DemoClock, ok } from './demo-api';
import type { DemoRestaurant } from './demo-restaurant';

/** Who works the day: the waiters take orders and payments, the cook bumps, the manager runs the drawer. */
export interface DemoCrew {
  waiters: DemoApi[];
  kitchen: DemoApi;
  manager: DemoApi;
}

const MINUTE_MS = 60_000;

/**
 * A day's service between `from` and `to`: `count` orders, dine-in and takeaway, cooked, served, paid by cash or
 * card (with tips), closed; with one refund when `refund`. The drawer is opened before and counted after.
 */
export async function serveDay(
  restaurant: DemoRestaurant,
  crew: DemoCrew,
  clock: DemoClock,
  rnd: () => number,
  { from, to, count, refund }: { from: Date; to: Date; count: number; refund: boolean },
): Promise<void> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const spacing = (to.getTime() - from.getTime()) / count;
  clock.moveTo(from);
  const drawer = await ok(
    'open the drawer',
    crew.manager.POST('/api/v1/shifts/open', { body: { openingCash: 15_000 } }),
  );
  let refundable: { paymentId: string; at: number } | null = null;

  for (let index = 0; index < count; index += 1) {
    const start = from.getTime() + index * spacing;
    const at = (share: number) => clock.moveTo(new Date(start + spacing * share));
    at(0.05);
    const waiter = crew.waiters[index % crew.waiters.length];
    const takeaway = index % 4 === 3;
    const items = Array.from({ length: 2 + Math.floor(rnd() * 4) }, () => {
      const dish = pick(restaurant.dishes);
      return {
        dishId: dish.id,
        quantity: rnd() < 0.25 ? 2 : 1,
        ...(dish.variationIds.length > 0 && { variationId: pick(dish.variationIds) }),
        ...(dish.optionIds.length > 0 && {
          modifiers: dish.optionIds.map((options) => ({ optionId: pick(options) })),
        }),
      };
    });
    const order = await ok(
      'take an order',
      waiter.POST('/api/v1/orders', {
        body: takeaway
          ? { type: 'takeaway', items, fulfilment: { customerName: pick(['Jonas', 'Mia', 'Emil', 'Sofia']) } }
          : {
              type: 'dine_in',
              tableId: restaurant.tableIds[index % restaurant.tableIds.length],
              guests: 2,
              items,
            },
      }),
    );
    const itemPath = (itemId: string) => ({ params: { path: { id: order.id, itemId } } });
    for (const [status, share, by] of [
      ['in_progress', 0.2, crew.kitchen],
      ['ready', 0.45, crew.kitchen],
      ...(takeaway ? [] : ([['served', 0.55, waiter]] as const)),
    ] as const) {
      at(share);
      for (const item of order.items) {
        await ok(
          `mark ${status}`,
          by.PATCH('/api/v1/orders/{id}/items/{itemId}/status', { ...itemPath(item.id), body: { status } }),
        );
      }
    }
    at(0.8);
    const byCard = index % 3 !== 1;
    const tip = byCard && index % 2 === 0 ? 100 * (1 + (index % 3)) : 0;
    const payment = await ok(
      'take the payment',
      waiter.POST('/api/v1/orders/{id}/payments', {
        params: { path: { id: order.id }, header: { 'Idempotency-Key': randomUUID() } },
        body: {
          methodId: byCard ? restaurant.cardMethodId : restaurant.cashMethodId,
          amount: order.total,
          ...(tip > 0 && { tip }),
        },
      }),
    );
    await ok(
      'close the order',
      waiter.PATCH('/api/v1/orders/{id}/status', {
        params: { path: { id: order.id } },
        body: { status: 'closed' },
      }),
    );
    if (byCard && refundable === null) refundable = { paymentId: payment.id, at: start };
  }

  if (refund && refundable) {
    clock.moveTo(new Date(to.getTime() - 2 * MINUTE_MS));
    await ok(
      'refund a payment',
      crew.manager.POST('/api/v1/payments/{id}/refund', {
        params: { path: { id: refundable.paymentId }, header: { 'idempotency-key': randomUUID() } },
        body: { amount: 300, reason: 'Soup was served cold' },
      }),
    );
  }
  clock.moveTo(new Date(to.getTime() - MINUTE_MS));
  const counted = await ok(
    'read the drawer',
    crew.manager.GET('/api/v1/shifts/{id}', { params: { path: { id: drawer.id } } }),
  );
  await ok(
    'count the drawer',
    crew.manager.POST('/api/v1/shifts/{id}/close', {
      params: { path: { id: drawer.id } },
      body: { countedCash: counted.expectedCash },
    }),
  );
}
