import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/time/clock';
import type { Tx } from '../database/database.service';
import { allocate, TaxRow } from '../money';
import { TaxLedgerEntry, TaxLedgerKind } from './tax-ledger.entity';
import { PARTS_PER_MILLION_PER_PERCENT } from './tax.entities';

/** What the ledger needs of an order: its id and the business day its money is reported on. */
export interface LedgerOrder {
  id: string;
  businessDay: string;
}

/**
 * Writes the tax ledger in the caller's transaction. A close records the order's tax rows as the money module
 * computed them; a refund after the close records negative rows: the refunded amount spread over the sale's net
 * and tax amounts by largest remainder, so that sale and refunds together never go below zero on any row and a
 * full refund leaves exactly nothing.
 */
@Injectable()
export class TaxLedger {
  constructor(private readonly clock: Clock) {}

  async recordSale(tx: Tx, order: LedgerOrder, rows: readonly TaxRow[]): Promise<void> {
    const live = rows.filter((row) => row.net !== 0 || row.tax !== 0);
    await this.insert(
      tx,
      order,
      TaxLedgerKind.Sale,
      live.map((row) => ({ row, net: row.net, tax: row.tax })),
    );
  }

  /**
   * The refunds of a closed order went from `refundedBefore` to `refundedAfter` (its total less what it kept):
   * the rows of the difference, as the cumulative amounts spread over the sale's rows differ.
   */
  async recordRefund(
    tx: Tx,
    order: LedgerOrder,
    refundedBefore: number,
    refundedAfter: number,
  ): Promise<void> {
    const sale = (
      await tx.manager.find(TaxLedgerEntry, { where: { orderId: order.id, kind: TaxLedgerKind.Sale } })
    ).sort(byRate);
    if (sale.length === 0) return;
    const weights = sale.flatMap((row) => [row.net, row.tax]);
    const before = allocate(refundedBefore, weights);
    const after = allocate(refundedAfter, weights);
    const refunds = sale.map((entry, i) => ({
      row: rowOf(entry),
      net: -(after[2 * i] - before[2 * i]),
      tax: -(after[2 * i + 1] - before[2 * i + 1]),
    }));
    await this.insert(
      tx,
      order,
      TaxLedgerKind.Refund,
      refunds.filter(({ net, tax }) => net !== 0 || tax !== 0),
    );
  }

  private async insert(
    tx: Tx,
    order: LedgerOrder,
    kind: TaxLedgerKind,
    amounts: Array<{ row: Pick<TaxRow, 'taxRateId' | 'name' | 'percent'>; net: number; tax: number }>,
  ): Promise<void> {
    if (amounts.length === 0) return;
    const now = this.clock.now();
    await tx.manager.insert(
      TaxLedgerEntry,
      amounts.map(({ row, net, tax }) => ({
        id: randomUUID(),
        orderId: order.id,
        businessDay: order.businessDay,
        kind,
        taxRateId: row.taxRateId,
        name: row.name,
        partsPerMillion: Math.round(row.percent * PARTS_PER_MILLION_PER_PERCENT),
        net,
        tax,
        gross: net + tax,
        createdAt: now,
      })),
    );
  }
}

/**
 * Highest percent first, then by rate id, the exempt row last: the order the refund is spread in, so a unit
 * left over by largest remainder goes to the same row whoever computes it.
 */
function byRate(a: TaxLedgerEntry, b: TaxLedgerEntry): number {
  if (a.partsPerMillion !== b.partsPerMillion) return b.partsPerMillion - a.partsPerMillion;
  const [x, y] = [a.taxRateId ?? '~', b.taxRateId ?? '~'];
  return x < y ? -1 : x > y ? 1 : 0;
}

function rowOf(entry: TaxLedgerEntry): Pick<TaxRow, 'taxRateId' | 'name' | 'percent'> {
  return {
    taxRateId: entry.taxRateId,
    name: entry.name,
    percent: entry.partsPerMillion / PARTS_PER_MILLION_PER_PERCENT,
  };
}
