import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/time/clock';
import type { Tx } from '../database/database.service';
import { percentToPpm, ppmToPercent, sumRows, TaxRow } from '../money';
import { TaxLedgerEntry, TaxLedgerKind } from './tax-ledger.entity';

/** What the ledger needs of an order: its id and the business day its money is reported on. */
export interface LedgerOrder {
  id: string;
  businessDay: string;
}

/**
 * Writes the tax ledger in the caller's transaction. A close records the order's tax rows as the money module
 * computed them, on the order's business day; a refund after the close records the negative rows the refund took
 * back (payments computes them from what the order still keeps, so no row goes below zero and a full refund
 * leaves exactly nothing), on the business day the refund was made in.
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

  /** The rows of a closed order's tax that its refunds have not taken back yet, per rate. */
  async kept(tx: Tx, orderId: string): Promise<TaxRow[]> {
    const entries = await tx.manager.find(TaxLedgerEntry, { where: { orderId } });
    return sumRows([entries.map(rowOf)]);
  }

  /** A refund's rows (negative), filed on the business day the refund was made in. */
  async recordRefund(tx: Tx, order: LedgerOrder, rows: readonly TaxRow[]): Promise<void> {
    await this.insert(
      tx,
      order,
      TaxLedgerKind.Refund,
      rows.map((row) => ({ row, net: row.net, tax: row.tax })),
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
        partsPerMillion: percentToPpm(row.percent),
        net,
        tax,
        gross: net + tax,
        createdAt: now,
      })),
    );
  }
}

function rowOf(entry: TaxLedgerEntry): TaxRow {
  return {
    taxRateId: entry.taxRateId,
    name: entry.name,
    percent: ppmToPercent(entry.partsPerMillion),
    net: entry.net,
    tax: entry.tax,
    gross: entry.gross,
  };
}
