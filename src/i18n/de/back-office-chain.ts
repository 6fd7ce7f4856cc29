/** Das Back Office einer Kette: die Ansichten der Zentrale und die Verbindung einer Filiale zu ihrer Zentrale. */
export const backOfficeChain = {
  chain: {
    notLoaded: 'Nicht geladen: {{problem}}',
    columns: {
      site: 'Filiale',
      day: 'Geschäftstag',
      currency: 'Währung',
      orders: 'Bestellungen',
      salesExclTax: 'Nettoumsatz (ohne Steuer)',
      salesInclTax: 'Bruttoumsatz (inkl. Steuer)',
      refunds: 'Erstattungen',
      tips: 'Trinkgeld',
    },
    states: {
      awaiting_link: 'wartet auf die Verbindung',
      linked: 'verbunden',
      revoked: 'Zugang widerrufen',
    },
    live: {
      heading: 'Filialen heute',
      intro:
        'Der Umsatz jeder Filiale an ihrem laufenden Geschäftstag, in ihrer Währung, aktualisiert, sobald ihre ' +
        'Verkäufe eintreffen.',
      noDay: 'noch kein Kontakt',
      allSites: 'Alle Filialen ({{currency}})',
      updated: 'Aktualisiert um {{time}}',
    },
    sites: {
      heading: 'Filialen',
      list: 'Die Filialen',
      none: 'Noch keine Filiale.',
      lastContact: 'letzter Kontakt {{at}}',
      sales: 'Verkäufe erhalten bis Nr. {{cursor}} ({{at}})',
      never: 'nie',
      pending: '{{batches}} Pakete mit Verkäufen warten noch in der Filiale, seit {{since}}',
      salesRefused:
        'Die Zentrale hat am {{at}} ein Paket mit Verkäufen abgelehnt, die Filiale sendet es erneut:',
      newCode: 'Neuer Verbindungscode',
      revoke: 'Zugang widerrufen',
      refused: 'Abgelehnt: {{problem}}',
      linkCode: 'Der Verbindungscode für {{site}}',
      linkCodeHint:
        'Nur jetzt sichtbar und 24 Stunden gültig: Der Admin der Filiale gibt ihn mit dieser Adresse in ' +
        'seinem Back Office unter Zentrale ein.',
      add: 'Filiale hinzufügen',
      addButton: 'Filiale anlegen',
      name: 'Name',
      address: 'Adresse (je Zeile eine)',
      taxId: 'Steuernummer',
      timezone: 'Zeitzone',
      currency: 'Währung',
      country: 'Land',
      chooseCountry: 'Land wählen',
      groups: 'Gruppen',
    },
    groups: {
      heading: 'Filialgruppen',
      none: 'Noch keine Gruppe.',
      name: 'Gruppenname',
      parent: 'Innerhalb von',
      noParent: '(keine Gruppe)',
      add: 'Gruppe anlegen',
    },
    sales: {
      heading: 'Umsatz der Kette',
      from: 'Von',
      to: 'Bis',
      groupBy: 'Nach',
      show: 'Anzeigen',
      groupings: { site: 'Filiale', group: 'Gruppe', day: 'Geschäftstag', channel: 'Kanal' },
      noGroup: 'In keiner Gruppe',
      own: 'Eigene Bestellungen',
      empty: 'Keine Verkäufe in diesem Zeitraum.',
    },
    link: {
      heading: 'Zentrale',
      intro:
        'Ein Restaurant einer Kette sendet seine Verkäufe an seine Zentrale. Es arbeitet unabhängig von der ' +
        'Verbindung weiter: Bestellungen, Küche, Zahlungen und Belege warten nie auf die Zentrale.',
      notLinked: 'Dieses Restaurant ist mit keiner Zentrale verbunden.',
      notLoaded: 'Nicht geladen (HTTP {{status}})',
      state: 'Zustand',
      states: {
        linked: 'Verbunden',
        revoked: 'Von der Zentrale widerrufen: mit einem neuen Code neu verbinden',
      },
      headquarters: 'Zentrale',
      siteName: 'Diese Filiale dort',
      linkedAt: 'Verbunden am',
      lastContact: 'Letzter Kontakt',
      lastProblem: 'Letztes Problem',
      linkHeading: 'Mit der Zentrale verbinden',
      url: 'Adresse der Zentrale',
      code: 'Verbindungscode',
      link: 'Verbinden',
    },
  },
};
