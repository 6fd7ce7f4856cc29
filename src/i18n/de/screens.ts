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
};
