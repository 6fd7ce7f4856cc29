/** A site as headquarters adds it (POST /hq/sites): a Berlin restaurant trading in euros. */
export const SITE_IDENTITY = {
  name: 'Zur Linde, Mitte',
  address: ['Lindenstraße 1', '10115 Berlin'],
  taxId: 'DE123456789',
  timezone: 'Europe/Berlin',
  currency: 'EUR',
  country: 'DE',
};
