import type { htmlLocaleAttributes, PageI18n } from '../i18n/page-i18n';
import { html, SafeHtml } from '../common/html/html';

export interface DayAtAGlancePage {
  restaurantName: string;
  /** The manager's language and the restaurant's formats, for the page and its script (page-i18n.ts). */
  i18n: PageI18n;
  locale: ReturnType<typeof htmlLocaleAttributes>;
  nonce: string;
  /** The page's browser script (src/back-office/browser/day-at-a-glance.ts, compiled). */
  scriptUrl: string;
}

const STYLE = `
  :root { color-scheme: light; --ink: #1d1d1f; --muted: #6e6e73; --line: #e5e5ea; --today: #0b6bcb; --week: #b8c4d0;
    --bad: #b3261e; --card: #fff; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
    background: #f5f5f7; }
  header { display: flex; align-items: baseline; gap: 16px; flex-wrap: wrap; padding: 14px 24px; background: var(--card);
    border-bottom: 1px solid var(--line); }
  header h1 { margin: 0; font-size: 1.2rem; }
  header p { margin: 0; color: var(--muted); }
  header button { margin-left: auto; }
  main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
  button { font: inherit; border: 1px solid var(--line); background: var(--card); border-radius: 8px; padding: 6px 14px; }
  form { max-width: 340px; margin: 64px auto; background: var(--card); border: 1px solid var(--line); border-radius: 14px;
    padding: 22px; display: grid; gap: 12px; }
  form h2 { margin: 0 0 4px; font-size: 1.1rem; }
  label { display: grid; gap: 4px; color: var(--muted); font-size: .9rem; }
  input { font: inherit; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; color: var(--ink); }
  form button { background: var(--today); border-color: var(--today); color: #fff; padding: 9px; font-weight: 600; }
  .status { color: var(--bad); min-height: 1.2em; margin: 0; }
  .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; margin-bottom: 16px; }
  .tile { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 12px 14px; }
  .tile span { display: block; color: var(--muted); font-size: .85rem; }
  .tile strong { font-size: 1.25rem; font-variant-numeric: tabular-nums; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(420px, 100%), 1fr)); gap: 16px; }
  section { min-width: 0; background: var(--card); border: 1px solid var(--line); border-radius: 12px;
    padding: 14px 16px; }
  section.wide { grid-column: 1 / -1; }
  section h2 { margin: 0 0 10px; font-size: 1rem; }
  svg { display: block; max-width: 100%; height: auto; }
  #payment-mix svg { width: 100%; height: 34px; }
  svg text { fill: var(--ink); }
  svg .axis { fill: var(--muted); }
  .axis { color: var(--muted); }
  .bar-row { margin-bottom: 10px; }
  .bar-row p { margin: 0 0 4px; font-size: .85rem; overflow-wrap: anywhere; }
  .bar { height: 12px; border-radius: 3px; }
  @media (max-width: 600px) {
    header { padding: 12px 16px; }
    main { padding: 16px 12px 32px; }
    section { padding: 12px; }
  }
  .legend svg { display: inline-block; width: 10px; height: 10px; }
  .legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 8px 0 0; padding: 0; list-style: none; color: var(--muted);
    font-size: .85rem; }
  .empty { color: var(--muted); margin: 8px 0; }
  .updated { color: var(--muted); font-size: .85rem; margin-top: 14px; }
  [hidden] { display: none !important; }
`;

export function renderDayAtAGlancePage(page: DayAtAGlancePage): string {
  const { t } = page.i18n;
  const { lang, locale, timeZone, currency } = page.locale;
  return html`<!doctype html>
    <html lang="${lang}" data-locale="${locale}" data-time-zone="${timeZone}" data-currency="${currency}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>${t('glance.title', { restaurant: page.restaurantName })}</title>
        <style nonce="${page.nonce}">
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <h1>${page.restaurantName}</h1>
          <p id="day">${t('glance.heading')}</p>
          <p id="who"></p>
          <button id="sign-out" type="button" hidden>${t('glance.signOut')}</button>
        </header>
        <main>
          <form id="sign-in" autocomplete="on">
            <h2>${t('glance.signIn')}</h2>
            <label
              >${t('glance.username')} <input id="username" name="username" autocomplete="username" required
            /></label>
            <label
              >${t('glance.password')}
              <input id="password" name="password" type="password" autocomplete="current-password" required
            /></label>
            <label id="code-field" hidden
              >${t('glance.code')}
              <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code"
            /></label>
            <button type="submit">${t('glance.signIn')}</button>
            <p id="sign-in-status" class="status" role="alert"></p>
          </form>
          <div id="dashboard" hidden>
            <div id="tiles" class="tiles"></div>
            <div class="grid">
              <section class="wide">
                <h2>${t('glance.salesByHour')}</h2>
                <div id="hourly"></div>
                <ul class="legend">
                  <li id="hourly-legend-today"></li>
                  <li id="hourly-legend-week"></li>
                </ul>
              </section>
              <section>
                <h2>${t('glance.paymentMix')}</h2>
                <div id="payment-mix"></div>
                <ul id="payment-legend" class="legend"></ul>
              </section>
              <section>
                <h2>${t('glance.adjustments')}</h2>
                <div id="adjustments"></div>
              </section>
              <section>
                <h2>${t('glance.slowestDishes')}</h2>
                <div id="slow-dishes"></div>
              </section>
              <section>
                <h2>${t('glance.slowestStations')}</h2>
                <div id="slow-stations"></div>
              </section>
            </div>
            <p id="load-status" class="status" role="alert"></p>
            <p id="updated" class="updated"></p>
          </div>
        </main>
        <script type="module" src="${page.scriptUrl}" nonce="${page.nonce}"></script>
      </body>
    </html> `.value;
}
