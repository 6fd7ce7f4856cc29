import { formats, t } from '../../i18n/browser/page-i18n';
import type { Schemas } from '../shared/api';
import { FigureTable } from './paged-list';

type Figures = Schemas['HqLabourTotalsView'];
type Row = Schemas['HqLabourRowView'];

const l = (key: string) => t(`backOffice.hqReports.labour.${key}`);
const COLUMNS = [
  'hours',
  'overtimeHours',
  'labourCost',
  'salesExclTax',
  'labourPercent',
  'tipsEarned',
  'tipsPaidOut',
];

/**
 * Headquarters' labour report (GET /hq/reports/labour) in one currency: a line per site or day when grouped so
 * (`lead` names it) and the currency's total, or the total alone when added up: hours, overtime, labour cost, net
 * sales, labour percent and tips.
 */
export function HqLabourTable({
  label,
  lead,
  rows,
  total,
  totalName,
}: {
  label: string;
  lead?: { head: string; of: (row: Row) => string };
  rows: Row[];
  total: Figures;
  totalName: string;
}) {
  const money = (minor: number) => formats.moneyIn(minor, total.currency);
  const cells = (figures: Figures | Row) => [
    formats.number(figures.hours),
    formats.number(figures.overtimeHours),
    money(figures.labourCost),
    money(figures.salesExclTax),
    figures.labourPercent === null ? '' : formats.percent(figures.labourPercent),
    money(figures.tips.earned),
    money(figures.tips.paidOut),
  ];
  return (
    <>
      <p class="muted">{l('intro')}</p>
      <FigureTable
        label={label}
        head={[lead?.head ?? l('columns.sites'), ...COLUMNS.map((key) => l(`columns.${key}`))]}
        rows={[
          ...(lead ? rows.map((row) => [lead.of(row), ...cells(row)]) : []),
          [totalName, ...cells(total)],
        ]}
        numeric={COLUMNS.map((_, index) => index + 1)}
      />
    </>
  );
}
