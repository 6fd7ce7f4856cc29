import type { TestApp } from './test-app';

/** The stock ledger summed per ingredient equals each kept on-hand (and there is at least one to compare). */
export async function expectLedgerMatchesOnHand(t: TestApp): Promise<void> {
  const sums = await t.dataSource.query<Array<{ id: string; kept: number; summed: number | string | null }>>(
    `SELECT s.ingredient_id AS id, s.on_hand AS kept,
            (SELECT SUM(m.quantity) FROM stock_movements m WHERE m.ingredient_id = s.ingredient_id) AS summed
       FROM ingredient_stock s`,
  );
  expect(sums.length).toBeGreaterThan(0);
  for (const row of sums)
    expect({ id: row.id, onHand: Number(row.kept) }).toEqual({ id: row.id, onHand: Number(row.summed ?? 0) });
}
