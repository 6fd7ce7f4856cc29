import { newPdf, pdfBytes, winAnsiText } from '../common/pdf';
import type { RestaurantDetails } from '../config/app-config';
import type { Formats } from '../i18n/formats';
import type { Language } from '../i18n/languages';
import { pageI18n } from '../i18n/page-i18n';
import { backOfficeCatalogue } from '../i18n/pages/back-office';

/** The back office's texts (keys under `backOffice.`) and formats a printed report is written with. */
export interface ReportWords {
  text: (key: string, values?: Record<string, unknown>) => string;
  formats: Formats;
}

/** What a printed report says under the restaurant: which report, then which day or period and who closed it. */
export interface ReportHeading {
  title: string;
  /** Under the title, smaller: the business day. */
  subtitle?: string;
  /** Smaller lines still: the period's times, who closed the day. */
  details: readonly string[];
}

/** The period a report covers, as its JSON says it. */
export interface ReportPeriod {
  from: string;
  to: string;
  start: string;
  end: string;
  timeZone: string;
  currency: string;
}

/** The back office's words in `language`, money in the report's currency and times in the restaurant's time zone. */
export function reportWords(
  restaurant: RestaurantDetails,
  period: Pick<ReportPeriod, 'timeZone' | 'currency'>,
  language: Language,
): ReportWords {
  const { t, formats } = pageI18n(
    { locale: restaurant.locale, timezone: period.timeZone, currency: period.currency },
    language,
    [backOfficeCatalogue],
  );
  return { text: (key, values) => t(`backOffice.${key}`, values), formats };
}

/** "Business day …" or "Business days … to …", written as the page's language writes dates. */
export function businessDaysLine({ text, formats }: ReportWords, period: ReportPeriod): string {
  return period.from === period.to
    ? text('reportsScreens.close.document.businessDay', { day: formats.day(period.from) })
    : text('reportDocuments.days', {
        from: formats.day(period.from),
        to: formats.day(period.to),
      });
}

/** When the period starts and ends, in the restaurant's time. */
export function periodTimesLine({ text, formats }: ReportWords, period: ReportPeriod): string {
  return text('reportDocuments.period', {
    start: formats.dateTime(period.start),
    end: formats.dateTime(period.end),
  });
}

/**
 * A new A4 PDF headed as a bookkeeper files it: the restaurant's name, address and tax number, then the report's
 * title and lines. `done` resolves to its bytes once `pdf.end()` is called.
 */
export async function startReportPdf(
  restaurant: RestaurantDetails,
  { text }: ReportWords,
  heading: ReportHeading,
  layout: 'portrait' | 'landscape' = 'portrait',
): Promise<{ pdf: PDFKit.PDFDocument; done: Promise<Buffer> }> {
  const pdf = await newPdf({ size: 'A4', layout, margin: 40, info: { Title: winAnsiText(heading.title) } });
  const done = pdfBytes(pdf);
  pdf.font('Helvetica-Bold').fontSize(14).text(winAnsiText(restaurant.name));
  pdf.font('Helvetica').fontSize(9);
  for (const line of restaurant.address) pdf.text(winAnsiText(line));
  if (restaurant.taxId) {
    pdf.text(winAnsiText(text('reportsScreens.close.document.taxId', { taxId: restaurant.taxId })));
  }
  pdf.moveDown();
  pdf.font('Helvetica-Bold').fontSize(16).text(winAnsiText(heading.title));
  if (heading.subtitle) pdf.fontSize(11).text(winAnsiText(heading.subtitle));
  pdf.font('Helvetica').fontSize(9);
  for (const line of heading.details) pdf.text(winAnsiText(line));
  return { pdf, done };
}
