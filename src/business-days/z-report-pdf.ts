import type { RestaurantDetails } from '../config/app-config';
import type { Language } from '../i18n/languages';
import { drawDayReportPdf } from '../reports/day-report-pdf';
import { reportWords } from '../reports/report-document';
import type { ZReportView } from './dto/business-day.views';

/**
 * The Z report as a bookkeeper files it: the restaurant with its address and tax number, which Z and business day,
 * who closed it and when in the restaurant's time, then the day's figures (day-report-pdf.ts), in `language`.
 */
export async function drawZReportPdf(
  view: ZReportView,
  restaurant: RestaurantDetails,
  language: Language,
): Promise<Buffer> {
  const { period } = view.report;
  const words = reportWords(restaurant, period, language);
  const { formats } = words;
  const text = (key: string, values?: Record<string, unknown>) =>
    words.text(`reportsScreens.close.${key}`, values);
  return drawDayReportPdf(view.report, restaurant, words, {
    title: text('document.title', { number: view.number }),
    subtitle: text('document.businessDay', { day: formats.day(view.businessDay) }),
    details: [
      text('document.period', { start: formats.dateTime(period.start), end: formats.dateTime(period.end) }),
      text('closedBy', { name: view.closedByName ?? view.closedBy, at: formats.dateTime(view.closedAt) }),
    ],
  });
}
