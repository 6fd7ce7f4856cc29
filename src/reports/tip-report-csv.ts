import type { ReportColumn } from './csv';
import type { TipPersonView, TipReportView } from './dto/tip-report.views';
import { TOTAL } from './report-csv';

/** The tip report's table (report-csv.ts's shape): a row per person and business day, then `total`. */

type TipRow = TipPersonView & { businessDay: string };

const column = (key: string) => `reportsScreens.reports.columns.${key}`;

const amount = (header: keyof TipPersonView, label: string): ReportColumn<TipRow> => ({
  header,
  label: column(label),
  value: (row) => row[header] as number,
  money: true,
});

export function tipReportTable(view: TipReportView) {
  const rows: TipRow[] = view.days.flatMap((day) =>
    day.people.map((person) => ({ ...person, businessDay: day.businessDay })),
  );
  const sum = (figure: 'earned' | 'givenOut' | 'received' | 'paidOut' | 'balance') =>
    rows.reduce((total, row) => total + row[figure], 0);
  const total: TipRow = {
    businessDay: TOTAL,
    userId: '',
    displayName: null,
    jobs: [],
    earned: sum('earned'),
    givenOut: sum('givenOut'),
    received: sum('received'),
    paidOut: sum('paidOut'),
    balance: sum('balance'),
  };
  const columns: Array<ReportColumn<TipRow>> = [
    {
      header: 'businessDay',
      label: column('day'),
      value: (row) => row.businessDay,
      kind: 'day',
      words: { [TOTAL]: 'reportsScreens.close.document.total' },
    },
    { header: 'userId', label: 'reportDocuments.columns.staffId', value: (row) => row.userId, id: true },
    { header: 'displayName', label: column('person'), value: (row) => row.displayName },
    { header: 'jobs', label: column('jobs'), value: (row) => row.jobs.join(', ') },
    amount('earned', 'earned'),
    amount('givenOut', 'givenOut'),
    amount('received', 'tipsReceived'),
    amount('paidOut', 'paidOut'),
    amount('balance', 'balance'),
  ];
  return { columns, rows: [...rows, total], currency: view.period.currency };
}
