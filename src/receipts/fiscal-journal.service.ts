import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { CsvColumn, writeCsv } from '../reports/csv';
import { canonicalJson } from './canonical-json';
import { JournalQuery } from './dto/receipt.inputs';
import { JournalExportView, ReceiptView } from './dto/receipt.views';
import { FiscalSigner } from './fiscal-signer';
import { verifyJournal } from './journal-verification';
import { JournalVerification } from './receipt-chain';
import { ReceiptsService } from './receipts.service';
import { Receipt } from './receipt.entity';
import { issuedWithin } from './receipts.service';
import { RestaurantProfile } from '../restaurant/restaurant-profile';

/** The most receipts one export carries: a larger period is asked for in parts. */
export const MAX_EXPORT_RECEIPTS = 50_000;

const tax = (receipt: ReceiptView): number => receipt.taxes.reduce((total, row) => total + row.tax, 0);

/** The canonical JSON the receipt's hash covers, so an auditor recomputes each link from the export alone. */
function hashedText(receipt: ReceiptView): string {
  // Undefined members are left out of canonical JSON.
  return canonicalJson({
    ...receipt,
    previousHash: undefined,
    hash: undefined,
    signature: undefined,
    url: undefined,
  });
}

const JOURNAL_COLUMNS: ReadonlyArray<CsvColumn<ReceiptView>> = [
  { header: 'number', value: (receipt) => receipt.number },
  { header: 'kind', value: (receipt) => receipt.kind },
  { header: 'id', value: (receipt) => receipt.id },
  { header: 'issuedAt', value: (receipt) => receipt.issuedAt },
  { header: 'orderId', value: (receipt) => receipt.orderId },
  { header: 'orderNumber', value: (receipt) => receipt.orderNumber },
  { header: 'refundOfNumber', value: (receipt) => receipt.refundOfNumber },
  { header: 'total', value: (receipt) => receipt.total, money: true },
  { header: 'tax', value: tax, money: true },
  { header: 'tips', value: (receipt) => receipt.tips, money: true },
  { header: 'previousHash', value: (receipt) => receipt.previousHash },
  { header: 'hash', value: (receipt) => receipt.hash },
  { header: 'signature', value: (receipt) => receipt.signature },
  { header: 'canonicalJson', value: hashedText },
];

/** The fiscal journal for auditors: its export, and the check of its chain. */
@Injectable()
export class FiscalJournal {
  constructor(
    private readonly database: Database,
    private readonly signer: FiscalSigner,
    private readonly config: AppConfig,
    private readonly restaurant: RestaurantProfile,
    private readonly receipts: ReceiptsService,
  ) {}

  async export(query: JournalQuery): Promise<JournalExportView> {
    const rows = await this.database.reader.find(Receipt, {
      where: issuedWithin(query.from, query.to),
      order: { number: 'ASC' },
      take: MAX_EXPORT_RECEIPTS + 1,
    });
    if (rows.length > MAX_EXPORT_RECEIPTS) {
      throw DomainError.invalidField(
        'to',
        `the period holds more than ${MAX_EXPORT_RECEIPTS} receipts: export it in shorter periods`,
      );
    }
    return {
      from: query.from ?? null,
      to: query.to ?? null,
      signer: this.signer.name,
      receipts: await this.receipts.viewsOf(rows),
    };
  }

  csv(view: JournalExportView): string {
    return writeCsv(JOURNAL_COLUMNS, view.receipts, this.restaurant.currency);
  }

  verify(): Promise<JournalVerification> {
    return verifyJournal(this.database.reader, this.signer);
  }
}
