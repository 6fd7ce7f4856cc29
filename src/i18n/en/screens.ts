/** The texts every staff screen shares: the PIN pad, the language switch, the pages' titles. */
export const screens = {
  clientPages: {
    backOffice: 'Back office · {{restaurant}}',
    kitchen: 'Kitchen · {{restaurant}}',
    pickup: 'Pickup · {{restaurant}}',
    waiter: 'Waiter · {{restaurant}}',
  },
  language: {
    label: 'Language',
    en: 'English',
    de: 'Deutsch',
  },
  pinPad: {
    whoSignsIn: 'Who is signing in?',
    loading: 'Loading…',
    staffNotLoaded: 'The staff list could not be loaded. Check the connection.',
    pinLabel: 'PIN',
    pinTyped: 'PIN typed',
    clear: 'Clear',
    signIn: 'Sign in',
    ok: 'OK',
    notMe: 'Not {{name}}?',
    wrongPin: 'That PIN is not right.',
    noConnection: 'No connection to the service.',
  },
};
