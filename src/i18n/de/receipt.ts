import type { receipt as english } from '../en/receipt';

export const receipt: typeof english = {
  receipt: 'Beleg {{number}}',
  refundReceipt: 'Erstattungsbeleg {{number}}',
  meta: '{{title}} · Bestellung {{order}} · {{issuedAt}}',
  refundOf: 'ERSTATTUNG zu Beleg {{number}}: {{reason}}',
  discount: 'Rabatt',
  serviceCharge: 'Servicezuschlag',
  taxLine: '{{name}} {{percent}} auf {{net}}',
  subtotal: 'Zwischensumme',
  total: 'Gesamt',
  tips: 'Trinkgeld',
  change: 'Rückgeld',
  notFoundTitle: 'Beleg nicht gefunden',
  notFound: 'Dieser Beleg-Link ist unbekannt. Bitte den Code auf dem Papierbeleg prüfen.',
};
