import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import type { RestaurantDetails } from '../config/app-config';
import type { Language } from '../i18n/languages';
import { restaurantLanguage } from '../i18n/page-i18n';
import { CsvTable, writeCsv } from './csv';
import type { ReportFormat } from './dto/report.inputs';
import type { ReportPeriodView } from './dto/report.views';
import { ReportWords, reportWords } from './report-document';

/**
 * A report's view as JSON, or its table as a CSV or its PDF as an attachment named `<file>.csv` or `<file>.pdf`; the
 * PDF in ?lang= or the restaurant's language.
 */
export async function reportReply<View extends { period: ReportPeriodView }, Row>(
  response: Response,
  query: { format?: ReportFormat; lang?: Language },
  restaurant: RestaurantDetails,
  file: string,
  view: View,
  toTable: (view: View) => CsvTable<Row>,
  drawPdf: (view: View, restaurant: RestaurantDetails, words: ReportWords) => Promise<Buffer>,
): Promise<View | string | StreamableFile> {
  const { format } = query;
  if (format !== 'csv' && format !== 'pdf') return view;
  const name = `${file}.${format}`;
  if (format === 'csv') {
    const table = toTable(view);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    return writeCsv(table.columns, table.rows, table.currency);
  }
  const words = reportWords(restaurant, view.period, query.lang ?? restaurantLanguage(restaurant));
  return new StreamableFile(await drawPdf(view, restaurant, words), {
    type: 'application/pdf',
    disposition: `attachment; filename="${name}"`,
  });
}
