import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ApiError } from '../shared/api';

/** A page of a list as the API answers it. */
interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
}

/**
 * One page of a list read from the API, read again when `filter` (a key of the filters it was read with)
 * changes, which also goes back to the first page.
 */
export function usePage<T>(read: (page: number) => Promise<PageOf<T>>, filter: string) {
  const [page, setPage] = useState(1);
  const [shown, setShown] = useState<PageOf<T> | null>(null);
  const [problem, setProblem] = useState('');
  const load = useCallback(
    (wanted: number) =>
      read(wanted).then(
        (answer) => {
          setShown(answer);
          setPage(wanted);
          setProblem('');
        },
        (error: unknown) =>
          setProblem(
            t('backOffice.form.notLoaded', { problem: error instanceof ApiError ? error.message : '' }),
          ),
      ),
    [filter],
  );
  useEffect(() => void load(1), [load]);
  return { shown, problem, page, go: (wanted: number) => void load(wanted), reload: () => void load(page) };
}

/** Previous and next page buttons, and which page of how many is shown. */
export function Pager({
  page,
  total,
  perPage,
  go,
}: {
  page: number;
  total: number;
  perPage: number;
  go: (page: number) => void;
}) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <div class="pager">
      <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>
        {t('backOffice.reportsScreens.paging.previous')}
      </button>
      <span>{t('backOffice.reportsScreens.paging.page', { page, pages, total })}</span>
      <button type="button" disabled={page >= pages} onClick={() => go(page + 1)}>
        {t('backOffice.reportsScreens.paging.next')}
      </button>
    </div>
  );
}

/** A table of figures: a header row, then one row per entry; numbers are right-aligned by their column's class. */
export function FigureTable({
  label,
  head,
  rows,
  numeric = [],
  empty,
}: {
  label: string;
  head: string[];
  rows: string[][];
  /** The indexes of the columns that hold numbers or amounts. */
  numeric?: number[];
  empty?: string;
}) {
  if (rows.length === 0) return <p class="muted">{empty ?? t('backOffice.form.nothingYet')}</p>;
  const align = (index: number) => (numeric.includes(index) ? 'number' : undefined);
  return (
    <div class="table-scroll">
      <table class="figures" aria-label={label}>
        <thead>
          <tr>
            {head.map((cell, index) => (
              <th key={index} scope="col" class={align(index)}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) => (
                <td key={index} class={align(index)}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Named figures of one thing (a fiscal unit, a link), each name above its value. */
export function FigureList({ figures, label }: { figures: Array<[string, string]>; label?: string }) {
  return (
    <dl class="figures-list" aria-label={label}>
      {figures.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
