/** The digital receipt a guest opens from the paper's QR code. */
export const receipt = {
  receipt: 'Receipt {{number}}',
  refundReceipt: 'Refund receipt {{number}}',
  meta: '{{title}} · order {{order}} · {{issuedAt}}',
  refundOf: 'REFUND of receipt {{number}}: {{reason}}',
  discount: 'Discount',
  serviceCharge: 'Service charge',
  taxLine: '{{name}} {{percent}} of {{net}}',
  subtotal: 'Subtotal',
  total: 'Total',
  tips: 'Tips',
  change: 'Change',
  notFoundTitle: 'Receipt not found',
  notFound: 'This receipt link is not known. Please check the code on your paper receipt.',
};
