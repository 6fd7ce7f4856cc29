/** Das Back Office der Zentrale: Gerichte, Zahlungsarten und Steuern der Kette, die Z-Berichte einer Filiale. */
export const backOfficeHqReports = {
  hqReports: {
    tabs: 'Die Berichte der Kette',
    tab: {
      sales: 'Umsatz',
      dishes: 'Gerichte',
      methods: 'Zahlungsarten',
      taxes: 'Steuern',
      labour: 'Personal',
    },
    intro:
      'Die Zahlen jeder Filiale an ihren eigenen Geschäftstagen, je Währung eine Tabelle: Beträge zweier ' +
      'Währungen werden nie addiert. Sind die Verkäufe einer Filiale angekommen, gleichen ihre Zahlen ihren ' +
      'eigenen Berichten.',
    site: 'Filiale',
    allSites: 'Alle Filialen',
    group: 'Gruppe',
    allGroups: 'Alle Gruppen',
    rows: 'Zeilen',
    rowsBy: { all: 'Filialen und Tage zusammen', site: 'Je Filiale', day: 'Je Geschäftstag' },
    inCurrency: '{{report}} in {{currency}}',
    modifiersIn: 'Optionen der Extras in {{currency}}',
    total: 'Summe',
    labour: {
      intro:
        'Stunden, Überstunden und Personalkosten, wie jede Filiale ihre Tage zuletzt gesendet hat (die Korrektur ' +
        'einer Leitung ersetzt das Gesendete), neben ihrem Nettoumsatz und ihrem Trinkgeld.',
      columns: {
        sites: 'Filialen',
        hours: 'Stunden',
        overtimeHours: 'Überstunden',
        labourCost: 'Personalkosten',
        salesExclTax: 'Nettoumsatz (ohne Steuer)',
        labourPercent: 'Personalkosten in % vom Nettoumsatz',
        tipsEarned: 'Trinkgeld verdient',
        tipsPaidOut: 'Trinkgeld ausgezahlt',
      },
    },
    zReports: {
      open: 'Z-Berichte',
      openOf: 'Z-Berichte von {{site}}',
      heading: 'Z-Berichte von {{site}}',
      intro:
        'Die Tage, die die Filiale abgeschlossen hat, nach Geschäftstag, wie sie jeden Z-Bericht mit ihrem ' +
        'Abschluss gesendet hat.',
      hide: 'Ausblenden',
      none: 'Von diesen Tagen ist noch kein Z-Bericht angekommen.',
      columns: {
        day: 'Geschäftstag',
        number: 'Z-Nr.',
        closed: 'Abgeschlossen',
        orders: 'Bestellungen',
        salesExclTax: 'Nettoumsatz (ohne Steuer)',
        tax: 'Steuer',
        salesInclTax: 'Bruttoumsatz (inkl. Steuer)',
        tips: 'Trinkgeld',
        refunds: 'Erstattungen',
      },
      closedBy: '{{at}} von {{name}}',
    },
  },
};
