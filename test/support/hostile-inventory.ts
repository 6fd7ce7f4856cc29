/** The sweep's inventory documents: a count sheet, a supplier with a price for the fixture's ingredient, an order. */
import { as, Session } from './clients';
import type { TestApp } from './test-app';

export type InventoryPool = 'stock-counts' | 'suppliers' | 'purchase-orders';

export async function inventoryFixture(
  t: TestApp,
  admin: Session,
  ingredientId: string,
): Promise<Record<InventoryPool, string[]>> {
  const count = await as(t, admin).post('/api/v1/stock-counts').send({}).expect(201);
  const supplier = await as(t, admin)
    .post('/api/v1/suppliers')
    .send({
      name: 'Sweep supplier',
      prices: [{ ingredientId, packName: 'sack 25 kg', baseQuantity: 25_000, packPrice: 2_000 }],
    })
    .expect(201);
  const order = await as(t, admin)
    .post('/api/v1/purchase-orders')
    .send({ supplierId: supplier.body.id, lines: [{ ingredientId, packs: 1 }] })
    .expect(201);
  return {
    'stock-counts': [count.body.id as string],
    suppliers: [supplier.body.id as string],
    'purchase-orders': [order.body.id as string],
  };
}
