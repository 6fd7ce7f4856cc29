import { html, SafeHtml } from '../common/html/html';
import { printedName } from '../menu/line-names';
import { fiscalStampLines } from '../documents/layout/receipt.layout';
import type { PageI18n } from '../i18n/page-i18n';
import type { ReceiptLineView, ReceiptView } from './dto/receipt.views';

/** What the digital copy shows besides the receipt: the restaurant, and the guest's language and formats. */
export interface ReceiptPageSettings {
  restaurantName: string;
  /** In the receipt's currency and the restaurant's time zone. */
  i18n: PageI18n;
  nonce: string;
  /** The signing unit's `V0;…` code as an SVG QR code (made by the qrcode library); null when unsigned. */
  fiscalQrSvg: string | null;
}

const STYLE = `
  :root { color-scheme: light; --ink: #1d1d1f; --muted: #6e6e73; --line: #e5e5ea; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fafafa; }
  main { max-width: 480px; margin: 0 auto; padding: 16px; }
  article { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 16px; overflow-wrap: anywhere; }
  h1 { margin: 0; font-size: 1.2rem; text-align: center; }
  .meta { color: var(--muted); font-size: .9rem; text-align: center; margin: 4px 0 12px; }
  .refund { text-align: center; font-weight: 700; letter-spacing: .06em; }
  table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
  td { padding: 3px 0; vertical-align: top; }
  td.amount { text-align: right; white-space: nowrap; padding-left: 12px; }
  .detail { color: var(--muted); font-size: .88rem; padding-left: 12px; }
  tbody + tbody tr:first-child td { border-top: 1px solid var(--line); padding-top: 8px; }
  .total td { font-weight: 700; font-size: 1.1rem; }
  .chain { margin-top: 14px; color: var(--muted); font-size: .75rem; word-break: break-all; }
  .fiscal { margin-top: 14px; font-size: .75rem; word-break: break-all; }
  .fiscal svg { display: block; width: 180px; margin: 8px auto 0; }
`;

/** The signing unit's data and its QR code, as the paper prints them. */
function fiscalSection(receipt: ReceiptView, qrSvg: string | null): SafeHtml {
  if (!receipt.fiscal) return html``;
  const rows = fiscalStampLines(receipt.fiscal).map(([label, value]) => html`${label}: ${value}<br />`);
  return html`<p class="fiscal" data-fiscal-state="${receipt.fiscal.state}">
    ${rows}${qrSvg ? new SafeHtml(qrSvg) : html``}
  </p>`;
}

function row(label: string | SafeHtml, amount: string, className = ''): SafeHtml {
  return html`<tr class="${className}">
    <td>${label}</td>
    <td class="amount">${amount}</td>
  </tr>`;
}

function lineRows(line: ReceiptLineView, { formats }: PageI18n): SafeHtml {
  const name = printedName(line.name, line.variationName);
  const label = line.quantity === 1 ? name : `${line.quantity} × ${name}`;
  const modifiers = line.modifiers.map(
    (modifier) =>
      html`<tr>
        <td class="detail">+ ${modifier.name}</td>
        <td class="amount detail">
          ${modifier.priceDelta === 0 ? '' : formats.money(modifier.priceDelta * line.quantity)}
        </td>
      </tr>`,
  );
  // A combo's components under it, without prices: its price is the line's.
  const components = (line.components ?? []).map((component) => {
    const options = component.modifiers.map((modifier) => modifier.name).join(', ');
    return html`<tr>
      <td class="detail component">
        ${printedName(component.name, component.variationName)}${options ? ` + ${options}` : ''}
      </td>
      <td class="amount detail"></td>
    </tr>`;
  });
  return html`${row(label, formats.money(line.total))}${modifiers}${components}`;
}

/** The digital copy of a receipt, for the guest's phone: the same content as the paper, and its chain hash. */
export function renderReceiptPage(receipt: ReceiptView, settings: ReceiptPageSettings): string {
  const { t, formats, language } = settings.i18n;
  const money = (amount: number) => formats.money(amount);
  const issuedAt = formats.dateTime(receipt.issuedAt);
  const adjustments = [
    receipt.discount !== 0 ? row(t('receipt.discount'), money(-receipt.discount)) : html``,
    receipt.serviceCharge !== 0 ? row(t('receipt.serviceCharge'), money(receipt.serviceCharge)) : html``,
  ];
  const taxes = receipt.taxes.map((tax) =>
    row(
      t('receipt.taxLine', { name: tax.name, percent: formats.percent(tax.percent), net: money(tax.net) }),
      money(tax.tax),
      'detail',
    ),
  );
  const payments = receipt.payments.map((payment) => row(payment.method, money(payment.amount)));
  const title = t(receipt.kind === 'refund' ? 'receipt.refundReceipt' : 'receipt.receipt', {
    number: receipt.number,
  });
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title} · ${settings.restaurantName}</title>
        <style nonce="${settings.nonce}">
          ${STYLE}
        </style>
      </head>
      <body>
        <main>
          <article data-receipt-number="${receipt.number}">
            <h1>${settings.restaurantName}</h1>
            <p class="meta">${t('receipt.meta', { title, order: receipt.orderNumber, issuedAt })}</p>
            ${
              receipt.kind === 'refund'
                ? html`<p class="refund">
                    ${t('receipt.refundOf', { number: receipt.refundOfNumber ?? '', reason: receipt.reason ?? '' })}
                  </p>`
                : html``
            }
            <table>
              <tbody>
                ${receipt.lines.map((line) => lineRows(line, settings.i18n))}
              </tbody>
              <tbody>
                ${row(t('receipt.subtotal'), money(receipt.subtotal))}${adjustments}${row(t('receipt.total'), money(receipt.total), 'total')}${taxes}
              </tbody>
              <tbody>
                ${payments}${receipt.tips !== 0 ? row(t('receipt.tips'), money(receipt.tips)) : html``}${
                  receipt.change !== 0 ? row(t('receipt.change'), money(receipt.change)) : html``
                }
              </tbody>
            </table>
            <p class="chain">
              SHA-256 ${receipt.hash}${receipt.signature ? html`<br />${receipt.signature}` : html``}
            </p>
            ${fiscalSection(receipt, settings.fiscalQrSvg)}
          </article>
        </main>
      </body>
    </html>`.value;
}

export function renderReceiptNotFoundPage(
  restaurantName: string,
  { t, language }: PageI18n,
  nonce: string,
): string {
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${t('receipt.notFoundTitle')} · ${restaurantName}</title>
        <style nonce="${nonce}">
          ${STYLE}
        </style>
      </head>
      <body>
        <main>
          <article>
            <h1>${restaurantName}</h1>
            <p class="meta">${t('receipt.notFound')}</p>
          </article>
        </main>
      </body>
    </html>`.value;
}
