import { Brackets, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Tx } from '../database/database.service';
import { FactKind } from './facts';

/**
 * The fact that a customer was erased, raised by guests in the erasing transaction: whose personal data went, and
 * the orders that carried a copy of it (their customer, their fulfilment's contact). Each module that keeps copies
 * (the event log, webhook deliveries, idempotent replies, the audit log, print jobs) rewrites its own table on it,
 * in that transaction, so the erasure and every copy's commit together.
 */
export interface CustomerErased {
  customerId: string;
  orderIds: string[];
}

export const CUSTOMER_ERASED = new FactKind<CustomerErased>('customer erased');

/** LIKE patterns per statement: a regular's hundreds of orders are looked for a hundred at a time. */
const IDS_PER_SCAN = 100;

/**
 * Rewrites, in `tx`, the rows of an owner's table whose JSON text `columns` show the erased person (eraseFromCopy):
 * found by their ids in the text, one LIKE scan per hundred ids of what the retention keeps. A rare admin act.
 * Answers how many rows changed.
 */
export async function eraseFromStoredCopies<E extends ObjectLiteral>(
  tx: Tx,
  target: EntityTarget<E>,
  columns: Array<keyof E & string>,
  fact: CustomerErased,
): Promise<number> {
  const repository = tx.manager.getRepository(target);
  const ids = [fact.customerId, ...fact.orderIds];
  const changed = new Map<string, E>();
  for (let start = 0; start < ids.length; start += IDS_PER_SCAN) {
    const patterns = ids.slice(start, start + IDS_PER_SCAN).map((id) => `%${id}%`);
    const rows = await repository
      .createQueryBuilder('copy')
      .where(
        new Brackets((any) =>
          columns.forEach((column, c) =>
            patterns.forEach((pattern, p) =>
              any.orWhere(`copy.${column} LIKE :pattern_${c}_${p}`, { [`pattern_${c}_${p}`]: pattern }),
            ),
          ),
        ),
      )
      .getMany();
    for (const row of rows) {
      let rewritten = false;
      for (const column of columns) {
        const text = typeof row[column] === 'string';
        const value: unknown = text ? JSON.parse(row[column]) : row[column];
        if (!eraseFromCopy(value, fact)) continue;
        (row as Record<string, unknown>)[column] = text ? JSON.stringify(value) : value;
        rewritten = true;
      }
      if (rewritten) changed.set(JSON.stringify(repository.getId(row)), row);
    }
  }
  for (const row of changed.values()) {
    const update = Object.fromEntries(columns.map((column) => [column, row[column]]));
    await repository.update(repository.getId(row) as object, update as never);
  }
  return changed.size;
}

/**
 * Blanks the erased person wherever `value` (a stored copy) shows them, in place: their profile (name, phone,
 * e-mail, notes, allergens), an order's copy of them (`customer`), and the contact on the fulfilment of their orders.
 * Answers whether anything changed.
 */
export function eraseFromCopy(value: unknown, fact: CustomerErased): boolean {
  if (typeof value !== 'object' || value === null) return false;
  let changed = false;
  for (const child of Object.values(value)) changed = eraseFromCopy(child, fact) || changed;
  const record = value as Record<string, unknown>;
  if (record.id === fact.customerId && 'phone' in record && 'email' in record) {
    Object.assign(record, { name: null, phone: null, email: null, notes: null, allergens: [] });
    changed = true;
  }
  if (isRecord(record.customer) && record.customer.id === fact.customerId) {
    Object.assign(record.customer, { name: null, allergens: [] });
    changed = true;
  }
  const theirOrder = typeof record.id === 'string' && fact.orderIds.includes(record.id);
  if (theirOrder && isRecord(record.fulfilment)) {
    Object.assign(record.fulfilment, { customerName: null, phone: null, address: null });
    changed = true;
  }
  return changed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
