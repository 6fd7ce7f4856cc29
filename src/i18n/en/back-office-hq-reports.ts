/** Headquarters' back office: the chain's dish, payment-method and tax reports, and a site's Z reports. */
export const backOfficeHqReports = {
  hqReports: {
    tabs: 'The chain’s reports',
    tab: { sales: 'Sales', dishes: 'Dishes', methods: 'Payment methods', taxes: 'Taxes', labour: 'Labour' },
    intro:
      'Each site’s figures of its own business days, a table per currency: amounts of two currencies are never ' +
      'added. A site’s figures equal its own reports once its sales have arrived.',
    site: 'Site',
    allSites: 'All sites',
    group: 'Group',
    allGroups: 'All groups',
    rows: 'Rows',
    rowsBy: { all: 'Sites and days added up', site: 'Per site', day: 'Per business day' },
    inCurrency: '{{report}} in {{currency}}',
    modifiersIn: 'Modifier options in {{currency}}',
    total: 'Total',
    labour: {
      intro:
        'Hours, overtime and labour cost as each site last sent its days (a manager’s correction replaces what ' +
        'was sent), beside its net sales and its tips.',
      columns: {
        sites: 'Sites',
        hours: 'Hours',
        overtimeHours: 'Overtime hours',
        labourCost: 'Labour cost',
        salesExclTax: 'Net sales (excl. tax)',
        labourPercent: 'Labour % of net sales',
        tipsEarned: 'Tips earned',
        tipsPaidOut: 'Tips paid out',
      },
    },
    zReports: {
      open: 'Z reports',
      openOf: 'Z reports of {{site}}',
      heading: 'Z reports of {{site}}',
      intro: 'The days the site closed, by business day, as it sent each Z report with its close.',
      hide: 'Hide',
      none: 'No Z report of these days has arrived yet.',
      columns: {
        day: 'Business day',
        number: 'Z no.',
        closed: 'Closed',
        orders: 'Orders',
        salesExclTax: 'Net sales (excl. tax)',
        tax: 'Tax',
        salesInclTax: 'Gross sales (incl. tax)',
        tips: 'Tips',
        refunds: 'Refunds',
      },
      closedBy: '{{at}} by {{name}}',
    },
  },
};
