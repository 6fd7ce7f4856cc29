import type { ColumnKind, ReportColumn } from './csv';
import type {
  LabourFiguresView,
  LabourReportView,
  LabourRowView,
  PayrollReportView,
  PayrollRowView,
} from './dto/labour-report.views';
import { TOTAL } from './report-csv';

/** The labour report's and the payroll's tables (report-csv.ts's shape): the JSON's rows, then `total`. */

const printed = (key: string) => `reportDocuments.columns.${key}`;
const column = (key: string) => `reportsScreens.reports.columns.${key}`;
const TOTAL_WORDS = { [TOTAL]: 'reportsScreens.close.document.total' };

const hours = <Row>(header: string, value: (row: Row) => number): ReportColumn<Row> => ({
  header,
  label: column(header),
  value,
  kind: 'count',
});

/** How a labour row's period is written: a business day or a local hour. */
const PERIOD_KINDS: Record<LabourReportView['groupBy'], ColumnKind | undefined> = {
  day: 'day',
  hour: 'instant',
  job: undefined,
};

export function labourTable(view: LabourReportView) {
  const total: LabourRowView = {
    ...view.totals,
    period: view.groupBy === 'job' ? null : TOTAL,
    businessDay: null,
    jobId: view.groupBy === 'job' ? TOTAL : null,
    job: null,
    start: view.period.start,
    end: view.period.end,
  };
  const when: Array<ReportColumn<LabourRowView>> =
    view.groupBy === 'job'
      ? [
          {
            header: 'jobId',
            label: printed('jobId'),
            value: (row) => row.jobId,
            id: true,
            words: TOTAL_WORDS,
          },
          { header: 'job', label: printed('job'), value: (row) => row.job },
        ]
      : [
          {
            header: 'period',
            label: printed('period'),
            value: (row) => row.period,
            kind: PERIOD_KINDS[view.groupBy],
            words: TOTAL_WORDS,
          },
          {
            header: 'businessDay',
            label: column('day'),
            value: (row) => row.businessDay,
            kind: 'day',
          },
        ];
  const columns: Array<ReportColumn<LabourRowView>> = [
    ...when,
    { header: 'start', label: printed('start'), value: (row) => row.start, kind: 'instant' },
    { header: 'end', label: printed('end'), value: (row) => row.end, kind: 'instant' },
    ...labourFigureColumns(),
  ];
  return { columns, rows: [...view.rows, total], currency: view.period.currency };
}

function labourFigureColumns<Row extends LabourFiguresView>(): Array<ReportColumn<Row>> {
  return [
    hours('hours', (row) => row.hours),
    hours('overtimeHours', (row) => row.overtimeHours),
    { header: 'labourCost', label: column('labourCost'), value: (row) => row.labourCost, money: true },
    {
      header: 'salesExclTax',
      label: 'reportsScreens.reports.totals.salesExclTax',
      value: (row) => row.salesExclTax,
      money: true,
    },
    {
      header: 'labourPercent',
      label: column('labourPercent'),
      value: (row) => row.labourPercent,
      kind: 'percent',
    },
  ];
}

export function payrollTable(view: PayrollReportView) {
  const total: PayrollRowView = { ...view.totals, userId: TOTAL, displayName: null, jobId: null, job: null };
  const columns: Array<ReportColumn<PayrollRowView>> = [
    { header: 'userId', label: printed('staffId'), value: (row) => row.userId, id: true, words: TOTAL_WORDS },
    { header: 'displayName', label: printed('staffMember'), value: (row) => row.displayName },
    { header: 'jobId', label: printed('jobId'), value: (row) => row.jobId, id: true },
    { header: 'job', label: printed('job'), value: (row) => row.job },
    hours('hours', (row) => row.hours),
    {
      header: 'unpaidBreakMinutes',
      label: printed('unpaidBreakMinutes'),
      value: (row) => row.unpaidBreakMinutes,
      kind: 'count',
    },
    hours('overtimeHours', (row) => row.overtimeHours),
    { header: 'wageCost', label: printed('wageCost'), value: (row) => row.wageCost, money: true },
    ...(
      ['cardTips', 'declaredTips', 'tipsGivenOut', 'tipsReceived', 'tipsPaidOut', 'tipsBalance'] as const
    ).map((header): ReportColumn<PayrollRowView> => ({
      header,
      label: printed(header),
      value: (row) => row[header],
      money: true,
    })),
  ];
  return { columns, rows: [...view.rows, total], currency: view.period.currency };
}
