import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Database } from '../database/database.service';
import type { ReceiptFiscalView } from '../receipts/dto/receipt.views';
import { ReceiptStamps } from '../receipts/receipt-stamps';
import { FiscalUnitView } from './dto/fiscal.views';
import { FiscalTill, FiscalTransaction, FiscalUnitRecord } from './fiscal.entities';
import { ConfiguredUnit } from './fiscal-units';
import { receiptQrCode } from './tse-log-message';
import { RksvService } from './rksv.service';

/** Transactions listed as waiting in a unit's view, oldest first. */
const WAITING_SHOWN = 50;

/** Reads of what the signing unit signed: each receipt's stamp, and each unit's state. */
@Injectable()
export class FiscalService implements ReceiptStamps {
  constructor(
    private readonly database: Database,
    private readonly configured: ConfiguredUnit,
    private readonly rksv: RksvService,
  ) {}

  atIssue(): ReceiptFiscalView | null {
    return this.configured.unit ? pendingStamp() : null;
  }

  async of(receiptIds: readonly string[]): Promise<Map<string, ReceiptFiscalView>> {
    const stamps = new Map<string, ReceiptFiscalView>();
    if (receiptIds.length === 0) return stamps;
    // Austria's receipts are signed as they are issued, by their cash register.
    if (this.configured.rksv) return this.rksv.stamps(receiptIds);
    const rows = await this.database.reader.find(FiscalTransaction, {
      where: { receiptId: In([...receiptIds]) },
    });
    const serials = [...new Set(rows.flatMap((row) => (row.unitSerial ? [row.unitSerial] : [])))];
    const units = new Map(
      serials.length === 0
        ? []
        : (await this.database.reader.find(FiscalUnitRecord, { where: { serial: In(serials) } })).map(
            (unit) => [unit.serial, unit],
          ),
    );
    for (const row of rows) stamps.set(row.receiptId!, stampOf(row, units.get(row.unitSerial ?? '')));
    if (this.configured.unit) {
      for (const id of receiptIds) if (!stamps.has(id)) stamps.set(id, pendingStamp());
    }
    return stamps;
  }

  async units(): Promise<FiscalUnitView[]> {
    const units = await this.database.reader.find(FiscalUnitRecord, { order: { firstUsedAt: 'ASC' } });
    const counts = await this.database.reader
      .createQueryBuilder(FiscalTransaction, 'transaction')
      .select('transaction.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .addSelect('MAX(transaction.signatureCounter)', 'counter')
      .groupBy('transaction.state')
      .getRawMany<{ state: string; count: number | string; counter: number | string | null }>();
    const countOf = (state: string): number => Number(counts.find((row) => row.state === state)?.count ?? 0);
    const waiting = await this.database.reader.find(FiscalTransaction, {
      where: { state: In(['pending', 'unit_failed']) },
      order: { seq: 'ASC' },
      take: WAITING_SHOWN,
    });
    const clients = await this.database.reader
      .createQueryBuilder(FiscalTransaction, 'transaction')
      .select('DISTINCT transaction.clientId', 'clientId')
      .getRawMany<{ clientId: string }>();
    const tills = await this.database.reader.find(FiscalTill, { order: { createdAt: 'ASC', name: 'ASC' } });
    const state = {
      signatureCounter: Number(counts.find((row) => row.state === 'signed')?.counter ?? 0),
      signed: countOf('signed'),
      pending: countOf('pending'),
      failed: countOf('unit_failed'),
      clients: clients.map((row) => row.clientId).sort(),
      tills: tills.map((till) => ({ deviceId: till.name, clientId: till.clientId })),
      waiting,
    };
    const kind = this.configured.unit?.kind;
    // The configured unit is listed from the first start, before it has answered (its serial still unknown).
    const listed: Array<FiscalUnitRecord | { kind: string }> =
      kind && !units.some((unit) => unit.kind === kind) ? [...units, { kind }] : units;
    return listed.map((unit) => FiscalUnitView.of(unit, kind === unit.kind, state));
  }
}

function pendingStamp(): ReceiptFiscalView {
  return {
    state: 'pending',
    unitSerial: null,
    clientId: null,
    transactionNumber: null,
    start: null,
    end: null,
    signatureCounter: null,
    signature: null,
    algorithm: null,
    publicKey: null,
    qrCode: null,
    error: null,
  };
}

/** A signed receipt's start, as printed and in the QR code: the Vorgang's (its sale's) start. */
export const startOf = (row: FiscalTransaction): Date | null =>
  row.startedAt && (row.saleStartedAt ?? row.startedAt);

function stampOf(row: FiscalTransaction, unit: FiscalUnitRecord | undefined): ReceiptFiscalView {
  const signed = row.state === 'signed' && unit !== undefined;
  return {
    state: row.state,
    unitSerial: row.unitSerial,
    clientId: row.clientId,
    transactionNumber: row.transactionNumber,
    start: startOf(row)?.toISOString() ?? null,
    end: row.finishedAt?.toISOString() ?? null,
    signatureCounter: row.signatureCounter,
    signature: row.signature,
    algorithm: unit?.algorithm ?? null,
    publicKey: unit?.publicKey ?? null,
    qrCode: signed
      ? receiptQrCode({
          clientId: row.clientId,
          processType: row.processType,
          processData: row.processData,
          transactionNumber: row.transactionNumber!,
          signatureCounter: row.signatureCounter!,
          start: startOf(row)!,
          end: row.finishedAt!,
          signature: row.signature!,
          publicKey: unit.publicKey,
        })
      : null,
    error: row.error,
  };
}
