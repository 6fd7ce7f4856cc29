import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/database.service';

/** Where the service keeps copies of what it sent: events for replay, webhook deliveries, idempotent replies. */
const COPIES: ReadonlyArray<{ table: string; keys: string[]; text: string }> = [
  { table: 'events', keys: ['seq'], text: 'data' },
  { table: 'webhook_deliveries', keys: ['id'], text: 'payload' },
  { table: 'idempotency_keys', keys: ['scope', 'key'], text: 'response_body' },
];

/**
 * Erasure reaches the copies too: every stored event, webhook delivery and idempotent reply that shows the person
 * (an order's `customer`, a customer view) is rewritten without their name, contact details, notes and allergens,
 * so no replay, redelivery or catch-up brings them back. A rare admin act: one LIKE scan per table, of what the
 * retention periods keep.
 */
@Injectable()
export class ErasedCopies {
  async scrub(tx: Tx, customerId: string): Promise<number> {
    let rewritten = 0;
    for (const { table, keys, text } of COPIES) {
      const columns = [...keys, text].map((column) => `"${column}"`).join(', ');
      const rows = await tx.sql<Record<string, unknown>>(
        `SELECT ${columns} FROM "${table}" WHERE "${text}" LIKE $1`,
        [`%${customerId}%`],
      );
      const where = keys.map((column, i) => `"${column}" = $${i + 2}`).join(' AND ');
      for (const row of rows) {
        const value: unknown = JSON.parse(String(row[text]));
        if (!anonymise(value, customerId)) continue;
        await tx.sql(`UPDATE "${table}" SET "${text}" = $1 WHERE ${where}`, [
          JSON.stringify(value),
          ...keys.map((column) => row[column]),
        ]);
        rewritten += 1;
      }
    }
    return rewritten;
  }
}

/** Blanks the person wherever `value` shows them, in place; answers whether anything changed. */
export function anonymise(value: unknown, customerId: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  let changed = false;
  for (const child of Object.values(value)) changed = anonymise(child, customerId) || changed;
  const record = value as Record<string, unknown>;
  const isTheCustomer = record.id === customerId && 'phone' in record && 'email' in record;
  const isTheirOrder = isRecord(record.customer) && record.customer.id === customerId;
  if (isTheCustomer) {
    Object.assign(record, { name: null, phone: null, email: null, notes: null, allergens: [] });
    changed = true;
  }
  if (isTheirOrder) {
    Object.assign(record.customer as object, { name: null, allergens: [] });
    changed = true;
  }
  return changed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
