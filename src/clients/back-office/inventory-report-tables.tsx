import { useEffect, useState } from 'preact/hooks';
import { formats, language, t } from '../../i18n/browser/page-i18n';
import { ApiError, ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { ReportDownloads } from './downloads';
import { FigureTable } from './paged-list';
import type { Range } from './report-tables';

interface Reports {
  inventory: Schemas['InventoryReportView'];
  foodCost: Schemas['FoodCostReportView'];
}

const ROUTES = {
  inventory: '/api/v1/reports/inventory',
  foodCost: '/api/v1/reports/food-cost',
} as const;
type Report = keyof typeof ROUTES;

const money = (minor: number) => formats.money(minor);
const percent = (value: number | null) => (value === null ? '' : formats.percent(value));
const label = (key: string) => t(`backOffice.inventoryReports.${key}`);
const column = (key: string) => label(`columns.${key}`);

/** The inventory's reports of a range: the variance by ingredient, and the food cost by dish and category. */
export function InventoryReportTables({
  session,
  range,
  version,
}: {
  session: StaffSession;
  range: Range;
  version: number;
}) {
  const [reports, setReports] = useState<Reports | null>(null);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    const query = { params: { query: range } };
    Promise.all([
      ok(session.api.GET(ROUTES.inventory, query)),
      ok(session.api.GET(ROUTES.foodCost, query)),
    ]).then(
      ([inventory, foodCost]) => {
        setReports({ inventory, foodCost });
        setProblem('');
      },
      (error: unknown) =>
        setProblem(
          t('backOffice.form.notLoaded', { problem: error instanceof ApiError ? error.message : '' }),
        ),
    );
  }, [range, version, session]);

  if (problem) return <p class="problem">{problem}</p>;
  if (!reports) return null;
  const section = (report: Report, table: preact.JSX.Element) => (
    <section class="card wide" aria-labelledby={`report-${report}`}>
      <h2 id={`report-${report}`}>{label(report)}</h2>
      {table}
      <ReportDownloads
        fileName={`${report === 'foodCost' ? 'food-cost' : report}-${range.from}-${range.to}`}
        read={(format) =>
          // The PDF in the language the screen is in; the CSV's names are the API's whatever it says.
          session.api.GET(ROUTES[report], {
            params: { query: { ...range, format, lang: language } },
            parseAs: 'blob',
          })
        }
      />
    </section>
  );
  return (
    <div class="grid">
      {section('inventory', <VarianceTable report={reports.inventory} />)}
      {section('foodCost', <FoodCostTable report={reports.foodCost} />)}
    </div>
  );
}

/** Per ingredient: theoretical and actual usage, and the variance in quantity and money; the money's total. */
function VarianceTable({ report }: { report: Schemas['InventoryReportView'] }) {
  const quantity = (value: number, unit: string) =>
    t(`backOffice.inventoryReports.units.${unit}`, { value: formats.number(value) });
  return (
    <FigureTable
      label={label('inventoryTitle')}
      head={['ingredient', 'theoretical', 'actual', 'waste', 'variance', 'varianceCost'].map(column)}
      rows={[
        ...report.rows.map((row) => [
          row.name ?? label('deleted'),
          quantity(row.theoretical, row.baseUnit),
          quantity(row.actual, row.baseUnit),
          quantity(row.waste, row.baseUnit),
          quantity(row.variance, row.baseUnit),
          money(row.varianceCost),
        ]),
        ...(report.rows.length > 0
          ? [[label('total'), '', '', money(report.totals.wasteCost), '', money(report.totals.varianceCost)]]
          : []),
      ]}
      numeric={[1, 2, 3, 4, 5]}
      empty={label('noIngredients')}
    />
  );
}

/** Per dish: sold, net sales, food cost and its percent; then per category, and the total. */
function FoodCostTable({ report }: { report: Schemas['FoodCostReportView'] }) {
  const figures = (row: Schemas['FoodCostFiguresView']) => [
    money(row.netSales),
    money(row.foodCost),
    percent(row.foodCostPercent),
  ];
  return (
    <>
      <FigureTable
        label={label('foodCostTitle')}
        head={['dish', 'category', 'quantity', 'netSales', 'foodCostAmount', 'foodCostPercent'].map(column)}
        rows={report.dishes.map((dish) => [
          dish.name,
          dish.category ?? label('noCategory'),
          formats.number(dish.quantity),
          ...figures(dish),
        ])}
        numeric={[2, 3, 4, 5]}
        empty={label('noDishes')}
      />
      {report.dishes.length > 0 && (
        <FigureTable
          label={column('category')}
          head={['category', 'netSales', 'foodCostAmount', 'foodCostPercent'].map(column)}
          rows={[
            ...report.categories.map((category) => [
              category.name ?? label('noCategory'),
              ...figures(category),
            ]),
            [label('total'), ...figures(report.totals)],
          ]}
          numeric={[1, 2, 3]}
        />
      )}
    </>
  );
}
