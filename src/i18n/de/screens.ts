import type { screens as english } from '../en/screens';

export const screens: typeof english = {
  clientPages: {
    backOffice: 'Backoffice · {{restaurant}}',
    kitchen: 'Küche · {{restaurant}}',
    pickup: 'Abholung · {{restaurant}}',
    waiter: 'Service · {{restaurant}}',
  },
  language: {
    label: 'Sprache',
    en: 'English',
    de: 'Deutsch',
  },
  pinPad: {
    whoSignsIn: 'Wer meldet sich an?',
    loading: 'Wird geladen…',
    staffNotLoaded: 'Die Mitarbeiterliste konnte nicht geladen werden. Bitte Verbindung prüfen.',
    pinLabel: 'PIN',
    pinTyped: 'Eingegebene PIN',
    clear: 'Löschen',
    signIn: 'Anmelden',
    ok: 'OK',
    notMe: 'Nicht {{name}}?',
    wrongPin: 'Diese PIN stimmt nicht.',
    noConnection: 'Keine Verbindung zur Kasse.',
  },
  waiter: {
    shares: {
      out: 'Teil {{part}} von {{parts}} geht an #{{number}}',
      outAnother: 'Teil {{part}} von {{parts}} geht an eine andere Rechnung',
      in: 'Teil {{part}} von {{parts}} von #{{number}}, gleichmäßig geteilt',
      inAnother: 'Teil {{part}} von {{parts}} einer geteilten Rechnung',
      line: '{{share}} von {{line}} ({{amount}})',
      others: 'Weitere Rechnungen an diesem Tisch',
      other: '#{{number}} · {{amount}} offen',
    },
    outbox: {
      madeBy:
        '{{name}} hat das eingegeben und sich abgemeldet, bevor es gesendet war: Es wird nicht unter Ihrem Namen gesendet. Bei Bedarf neu eingeben.',
    },
    signOut: {
      title: 'Noch nicht gesendet',
      notSent_one: '{{count}} Änderung ist noch nicht gesendet',
      notSent_other: '{{count}} Änderungen sind noch nicht gesendet',
      offline:
        'Das Tablet ist offline: Sie werden unter Ihrem Namen gesendet, sobald es wieder online ist, solange Sie angemeldet bleiben.',
      sending: 'Sie werden gerade unter Ihrem Namen gesendet.',
      lost: 'Abgemeldet warten sie auf Sie: Meldet sich zuerst jemand anderes an, werden sie nicht gesendet und müssen neu eingegeben werden.',
      stay: 'Angemeldet bleiben',
      anyway: 'Trotzdem abmelden',
    },
    takeaway: {
      open_one: '{{count}} offen',
      open_other: '{{count}} offen',
    },
    allergy: {
      warning:
        'Allergie: Der Gast ist allergisch gegen {{allergens}}, und {{dish}} enthält es. Mit Gast und Küche klären.',
      addAnyway: 'Trotzdem hinzufügen',
      mark: '⚠ {{allergens}}',
    },
    refusals: {
      due: 'Es sind noch {{amount}} offen: zuerst kassieren.',
      overpaid: 'Es wurden {{amount}} zu viel bezahlt: zuerst dem Gast zurückgeben.',
      cooking: 'Die Küche kocht noch einen Teil dieser Bestellung: warten, bis er fertig ist.',
      held: 'Ein Gang ist noch zurückgehalten: zuerst abrufen oder entfernen.',
      forbidden: 'Das darf Ihre Rolle nicht: bitte eine Führungskraft fragen.',
      notDone: 'Nicht erledigt: {{change}}. {{reason}}',
    },
    check: {
      nothingDue: 'Nichts offen.',
      giveBackHeading: 'Zurückzugeben',
      giveBack: '{{amount}} zurückgeben',
      giveBackReason: 'Über den Betrag bezahlt',
      gaveBack: '{{amount}} zurückgegeben',
    },
  },
};
