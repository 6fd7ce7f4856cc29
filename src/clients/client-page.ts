import { html } from '../common/html/html';

export interface ClientPage {
  title: string;
  nonce: string;
  scriptUrl: string;
  stylesheetUrls: string[];
  /** The page's language and the restaurant's locale, zone and currency, read by its script (page-i18n.ts). */
  locale: { lang: string; restaurant: string; locale: string; timeZone: string; currency: string };
  /** POS_ROLE: the back office shows a site's screens or headquarters'. */
  serviceRole: string;
}

/**
 * The HTML a web client starts from: an empty #app that its bundled script fills. Its stylesheets and script are
 * same-origin files carrying the page's nonce, the only ones the strict CSP lets run.
 */
export function renderClientPage(page: ClientPage): string {
  const styles = page.stylesheetUrls.map(
    (url) => html`<link rel="stylesheet" href="${url}" nonce="${page.nonce}" />`,
  );
  return html`<!doctype html>
    <html
      lang="${page.locale.lang}"
      data-restaurant="${page.locale.restaurant}"
      data-locale="${page.locale.locale}"
      data-time-zone="${page.locale.timeZone}"
      data-currency="${page.locale.currency}"
      data-role="${page.serviceRole}"
    >
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#101214" />
        <title>${page.title}</title>
        ${styles}
      </head>
      <body>
        <div id="app"></div>
        <script type="module" src="${page.scriptUrl}" nonce="${page.nonce}"></script>
      </body>
    </html>`.value;
}
