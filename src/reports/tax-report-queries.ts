import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { ppmToPercent } from '../money';
import type { TaxFiguresView, TaxReportRowView } from './dto/tax-figures.views';
import type { Raw } from './report-sql';
import type { DayRange } from './report-sums';

/**
 * The tax ledger summed per business day and rate: one statement whatever the number of orders (the ledger is
 * indexed by business day). A rate whose percent changed within the range has a row per percent.
 */
@Injectable()
export class TaxReportQueries {
  constructor(private readonly database: Database) {}

  async rows(range: DayRange): Promise<TaxReportRowView[]> {
    const rows = await this.database.read<Raw>(
      `SELECT business_day AS "businessDay", tax_rate_id AS "taxRateId", parts_per_million AS "ppm",
         MAX(name) AS "name", SUM(net) AS "net", SUM(tax) AS "tax", SUM(gross) AS "gross"
       FROM tax_ledger WHERE business_day >= $1 AND business_day <= $2
       GROUP BY business_day, tax_rate_id, parts_per_million
       HAVING SUM(net) <> 0 OR SUM(tax) <> 0
       ORDER BY business_day, parts_per_million DESC, MAX(name), tax_rate_id`,
      [range.from, range.to],
    );
    return rows.map((row) => ({
      businessDay: String(row.businessDay),
      taxRateId: row.taxRateId === null ? null : String(row.taxRateId),
      name: String(row.name),
      percent: ppmToPercent(Number(row.ppm)),
      net: Number(row.net),
      tax: Number(row.tax),
      gross: Number(row.gross),
    }));
  }
}

export function taxTotals(rows: readonly TaxFiguresView[]): TaxFiguresView {
  return rows.reduce(
    (sum, row) => ({ net: sum.net + row.net, tax: sum.tax + row.tax, gross: sum.gross + row.gross }),
    { net: 0, tax: 0, gross: 0 },
  );
}
