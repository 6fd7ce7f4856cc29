import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/time/clock';
import type { Tx } from '../database/database.service';
import { percentToPpm, ppmToPercent, refundRows, TaxRow } from '../money';
import { TaxLedgerEntry, TaxLedgerKind } from './tax-ledger.entity';

/** What the ledger needs of an order: its id and the business day its money is reported on. */
export interface LedgerOrder {
  id: string;
  businessDay: string;
}

/**
 * Writes the tax ledger in the caller's transaction. A close records the order's tax rows as the money module
 * computed them; a refund after the close records negative rows: the refunded amount spread over the sale's net
 * and tax amounts by largest remainder (refundRows, which the refund receipt uses too), so that sale and refunds
 * together never go below zero on any row and a full refund leaves exactly nothing.
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
    const sale = await tx.manager.find(TaxLedgerEntry, {
      where: { orderId: order.id, kind: TaxLedgerKind.Sale },
    });
    const refunds = refundRows(sale.map(rowOf), refundedBefore, refundedAfter);
    await this.insert(
      tx,
      order,
      TaxLedgerKind.Refund,
      refunds.map((row) => ({ row, net: row.net, tax: row.tax })),
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
