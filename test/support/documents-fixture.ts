import type {
  GuestCheckDocument,
  KitchenTicketDocument,
  ReceiptDocument,
  XReportDocument,
  ZReportDocument,
} from '../../src/documents/document-types';
import type { House } from '../../src/documents/layout/house';

/** Sample documents for the layout specs: awkward on purpose (markup characters, long names, accents, euros). */

export const HOUSE: House = {
  name: 'Trattoria | Da {Mario}',
  address: ['Via Roma 1, 00100 Roma', 'Italia'],
  taxId: 'IT12345678901',
  footer: ['Grazie e arrivederci!'],
  currency: 'EUR',
  timeZone: 'Europe/Rome',
};

export const LONG_NAME = 'Pizza quattro stagioni with buffalo mozzarella and extra-long Parma ham';

export const GUEST_CHECK: GuestCheckDocument = {
  kind: 'guest_check',
  orderNumber: 42,
  tableName: 'Terrace 4',
  waiterName: 'Maria',
  guests: 3,
  lines: [
    {
      name: LONG_NAME,
      variationName: 'Large',
      quantity: 2,
      unitPrice: 1250,
      modifiers: [
        { name: 'Aioli', priceDelta: 150 },
        { name: 'No basil', priceDelta: 0 },
      ],
      seat: 1,
      total: 2800,
    },
    {
      name: 'Crème brûlée "maison" ^_^',
      variationName: 'Regular',
      quantity: 1,
      unitPrice: 650,
      seat: 2,
      total: 650,
    },
    { name: 'Water | still', quantity: 10, unitPrice: 300, seat: null, total: 3000 },
  ],
  subtotal: 6450,
  discount: 645,
  discountDetail: { kind: 'percent', value: 10, reason: 'regular guest' },
  serviceCharge: 500,
  tax: 570,
  taxes: [
    { name: 'VAT', percent: 10, net: 3800, tax: 380, gross: 4180 },
    { name: 'VAT', percent: 22, net: 1930, tax: 190, gross: 2120 },
  ],
  total: 6305,
  paid: 2000,
  due: 4305,
  printedAt: '2026-11-22T19:03:11.123Z',
};

export const RECEIPT: ReceiptDocument = {
  kind: 'sale',
  id: '5b0e1c7e-54c1-4c1f-9d5e-1f0a1b2c3d4e',
  number: 1017,
  orderId: '0d4c7e2b-7d4a-4c1e-8f8b-2a9e6f1d3c5b',
  orderNumber: 42,
  tableName: 'Terrace 4',
  issuedAt: '2026-11-22T20:15:00.000Z',
  refundOfNumber: null,
  reason: null,
  lines: GUEST_CHECK.lines,
  subtotal: 6450,
  discount: 645,
  serviceCharge: 500,
  taxes: GUEST_CHECK.taxes!,
  payments: [
    { method: 'Card', amount: 4305 },
    { method: 'Cash', amount: 2000 },
  ],
  tips: 300,
  change: 700,
  total: 6305,
  previousHash: '0'.repeat(64),
  hash: 'a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef',
  signature: null,
  url: 'https://pos.example.com/r/Zx8_qP2vR7mW3kL9tY4uH6',
};

export const REFUND_RECEIPT: ReceiptDocument = {
  ...RECEIPT,
  kind: 'refund',
  number: 1018,
  refundOfNumber: 1017,
  reason: 'cold soup',
  lines: [{ name: 'Refund', quantity: 1, unitPrice: -650, total: -650 }],
  subtotal: -650,
  discount: 0,
  serviceCharge: 0,
  taxes: [{ name: 'VAT', percent: 10, net: -591, tax: -59, gross: -650 }],
  payments: [{ method: 'Card', amount: -650 }],
  tips: 0,
  change: 0,
  total: -650,
};

export const KITCHEN_TICKET: KitchenTicketDocument = {
  kind: 'kitchen_ticket',
  ticket: 'new',
  stationName: 'Grill',
  orderNumber: 42,
  orderType: 'dine_in',
  tableName: 'Terrace 4',
  waiterName: 'Maria',
  guests: 3,
  createdAt: '2026-11-22T19:03:11.123Z',
  lines: [
    {
      quantity: 2,
      name: LONG_NAME,
      variationName: 'Large',
      modifiers: [{ name: 'Aioli' }],
      seat: 1,
      course: 1,
      comment: 'well done',
    },
    { quantity: 1, name: 'Steak', variationName: 'Regular', course: 2 },
  ],
};

const DAY = {
  businessDay: '2026-11-22',
  sales: {
    orders: 42,
    itemSales: 98000,
    discounts: 4000,
    serviceCharge: 2500,
    refunds: 1000,
    tax: 15000,
    salesExclTax: 80500,
    salesInclTax: 95500,
    tips: 3000,
    averageTicket: 2274,
  },
  payments: [
    { name: 'Cash', received: 52000, refunded: 1000, change: 500, tips: 1500, net: 49000 },
    { name: 'Card', received: 48000, refunded: 0, change: 0, tips: 1500, net: 46500 },
  ],
  cash: { in: 52000, out: 1500, net: 50500 },
  adjustments: { discounts: 3, discountAmount: 4000, voids: 2, voidedValue: 2500 },
  refunds: { count: 1, amount: 1000 },
  cancelledOrders: 1,
  openOrders: { count: 0, total: 0, due: 0 },
  cashDrawers: [{ openingCash: 20000, expectedCash: 69000, countedCash: 68900, difference: -100 }],
};

export const X_REPORT: XReportDocument = {
  kind: 'x_report',
  report: { ...DAY, generatedAt: '2026-11-22T21:00:00.000Z' },
};

export const Z_REPORT: ZReportDocument = {
  kind: 'z_report',
  number: 128,
  closedAt: '2026-11-23T01:30:00.000Z',
  closedByName: 'Luca',
  report: DAY,
};
