import { useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import { ok } from '../shared/api';
import type { components } from '../shared/api-schema';
import type { StaffSession } from '../shared/staff-session';
import { DownloadButton } from './downloads';
import { problemText } from './screen-parts';

type Plan = components['schemas']['MenuImportView'];
const m = (key: string, values?: Record<string, unknown>) => t(`backOffice.menuTransfer.${key}`, values);

/**
 * The menu as a spreadsheet: its export (`GET /menu/export?format=csv`), and for an admin its import
 * (`POST /menu/import`): Check answers what would change and changes nothing; Import makes exactly the plan
 * checked, and only a plan without problems, of the text as it was checked.
 */
export function MenuTransfer({
  session,
  canImport,
  onImported,
}: {
  session: StaffSession;
  canImport: boolean;
  onImported: () => void;
}) {
  const [csv, setCsv] = useState('');
  const [checked, setChecked] = useState<{ csv: string; plan: Plan } | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const send = (dryRun: boolean) => {
    setBusy(true);
    setStatus('');
    ok(session.api.POST('/api/v1/menu/import', { body: { csv, dryRun } })).then(
      (plan) => {
        setBusy(false);
        if (!dryRun) {
          setChecked(null);
          setCsv('');
          setStatus(
            m('imported', { count: plan.lines.filter((line) => line.action !== 'unchanged').length }),
          );
          onImported();
        } else setChecked({ csv, plan });
      },
      (error: unknown) => {
        setBusy(false);
        setStatus(problemText(error));
      },
    );
  };
  const readFile = (file: File | undefined) => void file?.text().then(setCsv);
  const plan = checked?.csv === csv ? checked.plan : null;

  return (
    <details class="card menu-transfer">
      <summary>{m('heading')}</summary>
      <DownloadButton
        label={m('export')}
        fileName="menu.csv"
        read={() =>
          session.api.GET('/api/v1/menu/export', { params: { query: { format: 'csv' } }, parseAs: 'blob' })
        }
      />
      {canImport && (
        <div class="import">
          <label for="menu-csv-file">{m('file')}</label>
          <input
            id="menu-csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => readFile(e.currentTarget.files?.[0])}
          />
          <label for="menu-csv">{m('text')}</label>
          <textarea id="menu-csv" rows={6} value={csv} onInput={(e) => setCsv(e.currentTarget.value)} />
          <p>
            <button type="button" disabled={busy || csv.trim() === ''} onClick={() => send(true)}>
              {m('check')}
            </button>{' '}
            <button
              type="button"
              class="primary"
              disabled={busy || !plan || plan.problems.length > 0}
              onClick={() => send(false)}
            >
              {m('import')}
            </button>
          </p>
          {plan && <PlanTable plan={plan} />}
        </div>
      )}
      {status && <p role="status">{status}</p>}
    </details>
  );
}

/** What a check found: each line's action and the columns it changes, new categories, and every problem. */
function PlanTable({ plan }: { plan: Plan }) {
  const changing = plan.lines.filter((line) => line.action !== 'unchanged');
  return (
    <div class="plan">
      <p>
        {m('summary', {
          created: plan.lines.filter((line) => line.action === 'create').length,
          updated: plan.lines.filter((line) => line.action === 'update').length,
          unchanged: plan.lines.filter((line) => line.action === 'unchanged').length,
        })}
      </p>
      {plan.newCategories.length > 0 && <p>{m('newCategories', { names: plan.newCategories.join(', ') })}</p>}
      {plan.problems.length > 0 && (
        <ul class="problems" aria-label={m('problems')}>
          {plan.problems.map((problem, i) => (
            <li key={i} class="problem">
              {m('problem', { line: problem.line, column: problem.column ?? '–', message: problem.message })}
            </li>
          ))}
        </ul>
      )}
      {changing.length > 0 && (
        <table class="list" aria-label={m('changes')}>
          <thead>
            <tr>
              <th>{m('line')}</th>
              <th>{m('action')}</th>
              <th>{m('dish')}</th>
              <th>{m('changed')}</th>
            </tr>
          </thead>
          <tbody>
            {changing.map((line) => (
              <tr key={line.line}>
                <td>{line.line}</td>
                <td>{m(`actions.${line.action}`)}</td>
                <td>{line.variation ? `${line.dish} (${line.variation})` : line.dish}</td>
                <td>{line.changes.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
