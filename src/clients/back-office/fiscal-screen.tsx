import { useState } from 'preact/hooks';
import { formats, t } from '../../i18n/browser/page-i18n';
import { ok, type Schemas } from '../shared/api';
import type { StaffSession } from '../shared/staff-session';
import { DownloadButton } from './downloads';
import { FigureList, FigureTable, Pager, usePage } from './paged-list';

type Unit = Schemas['FiscalUnitView'];
const today = () => new Date().toISOString().slice(0, 10);

/** The fiscal units that sign the receipts (their state, reachability and tills), and the DSFinV-K export. */
export function FiscalScreen({ session }: { session: StaffSession }) {
  const units = usePage(
    (page) => ok(session.api.GET('/api/v1/fiscal/units', { params: { query: { page, perPage: 10 } } })),
    'all',
  );
  return (
    <div id="fiscal">
      <h1>{t('backOffice.reportsScreens.fiscal.heading')}</h1>
      <section class="card" aria-labelledby="fiscal-units">
        <h2 id="fiscal-units">{t('backOffice.reportsScreens.fiscal.units')}</h2>
        {units.problem && <p class="problem">{units.problem}</p>}
        {units.shown?.items.length === 0 && (
          <p class="muted">{t('backOffice.reportsScreens.fiscal.noUnits')}</p>
        )}
        {units.shown?.items.map((unit, index) => (
          <UnitCard key={unit.serial ?? index} unit={unit} />
        ))}
        {units.shown && <Pager {...units.shown} page={units.page} go={units.go} />}
        <button type="button" onClick={units.reload}>
          {t('backOffice.reportsScreens.fiscal.check')}
        </button>
      </section>
      <Export session={session} />
    </div>
  );
}

function UnitCard({ unit }: { unit: Unit }) {
  const f = (key: string, values?: Record<string, unknown>) =>
    t(`backOffice.reportsScreens.fiscal.${key}`, values);
  const figures: Array<[string, string]> = [
    [f('kind'), f(`kinds.${unit.kind}`)],
    [f('serial'), unit.serial ?? f('noSerial')],
    [f('inUse'), unit.inUse ? f('yes') : f('no')],
    [f('reachable'), unit.reachable ? f('answers') : f('notAnswering', { error: unit.lastError ?? '' })],
    [f('checkedAt'), unit.checkedAt ? formats.dateTime(unit.checkedAt) : '–'],
    [f('counter'), formats.number(unit.signatureCounter)],
    [f('signed'), formats.number(unit.signed)],
    [f('pending'), formats.number(unit.pending)],
    [f('failed'), formats.number(unit.failed)],
  ];
  return (
    <article class="unit" data-reachable={unit.reachable}>
      <h3>{unit.serial ?? f(`kinds.${unit.kind}`)}</h3>
      <FigureList figures={figures} />
      <FigureTable
        label={f('tills')}
        head={[f('device'), f('client')]}
        rows={unit.tills.map((till) => [till.deviceId, till.clientId])}
        empty={f('noTills')}
      />
    </article>
  );
}

/** The DSFinV-K export of closed business days: a ZIP for the tax office. */
function Export({ session }: { session: StaffSession }) {
  const [from, setFrom] = useState(today());
  const [to, setTo] = useState(today());
  return (
    <section class="card" aria-labelledby="dsfinvk">
      <h2 id="dsfinvk">{t('backOffice.reportsScreens.fiscal.export')}</h2>
      <p class="muted">{t('backOffice.reportsScreens.fiscal.exportHint')}</p>
      <div class="range">
        <label>
          {t('backOffice.reportsScreens.reports.from')}
          <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('backOffice.reportsScreens.reports.to')}
          <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <DownloadButton
          label={t('backOffice.reportsScreens.fiscal.download')}
          fileName={`dsfinvk-${from}-${to}.zip`}
          read={() =>
            session.api.GET('/api/v1/fiscal/dsfinvk', { params: { query: { from, to } }, parseAs: 'blob' })
          }
        />
      </div>
    </section>
  );
}
