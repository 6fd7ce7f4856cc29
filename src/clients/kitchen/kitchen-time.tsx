import { useState } from 'preact/hooks';
import { t } from '../../i18n/browser/page-i18n';
import type { Api } from '../shared/api';
import { clockStatus, TimePanel, useMyTime } from '../shared/time-panel';

/** The cook's time on the kitchen screen: the bar says whether they are clocked in; a tap opens the time panel. */
export function KitchenTime({ api }: { api: Api }) {
  const [open, setOpen] = useState(false);
  const mine = useMyTime(api);
  return (
    <>
      <button
        class={`open-time ${mine.time?.current ? 'clocked-in' : 'clocked-out'}`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {t('timeClock.button', { status: clockStatus(mine.time) })}
      </button>
      {open && (
        <div class="time-dialog" role="dialog" aria-label={t('timeClock.heading')}>
          <button class="close-time" onClick={() => setOpen(false)}>
            {t('kitchen.time.close')}
          </button>
          <TimePanel api={api} mine={mine} />
        </div>
      )}
    </>
  );
}
