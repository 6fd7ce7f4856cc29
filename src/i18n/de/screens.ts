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
    takeaway: {
      open_one: '{{count}} offen',
      open_other: '{{count}} offen',
    },
    allergy: {
      warning: 'Allergie: Der Gast ist allergisch gegen {{allergens}}, und {{dish}} enthält es. Mit Gast und Küche klären.',
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
