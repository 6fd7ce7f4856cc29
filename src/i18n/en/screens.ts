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
  waiter: {
    shares: {
      out: 'Part {{part}} of {{parts}} goes to #{{number}}',
      outAnother: 'Part {{part}} of {{parts}} goes to another check',
      in: 'Part {{part}} of {{parts}} of #{{number}}, split evenly',
      inAnother: 'Part {{part}} of {{parts}} of a shared check',
      line: '{{share}} of {{line}} ({{amount}})',
      others: 'Other checks at this table',
      other: '#{{number}} · {{amount}} due',
    },
    outbox: {
      madeBy:
        '{{name}} made it and signed out before it was sent: it is not sent under your name. Enter it again if it is still wanted.',
    },
    signOut: {
      title: 'Not sent yet',
      notSent_one: '{{count}} change is not sent yet',
      notSent_other: '{{count}} changes are not sent yet',
      offline:
        'The tablet is offline: they go out under your name once it is back online, while you stay signed in.',
      sending: 'They are on their way under your name.',
      lost: 'Signed out, they wait for you: if someone else signs in first, they are not sent and must be entered again.',
      stay: 'Stay signed in',
      anyway: 'Sign out anyway',
    },
    takeaway: {
      open_one: '{{count}} open',
      open_other: '{{count}} open',
    },
    allergy: {
      warning:
        'Allergy: the guest is allergic to {{allergens}}, and {{dish}} contains it. Check with the guest and the kitchen.',
      addAnyway: 'Add anyway',
      mark: '⚠ {{allergens}}',
    },
    refusals: {
      due: '{{amount}} is still due: take the payment first.',
      overpaid: '{{amount}} was paid over the total: give it back to the guest first.',
      cooking: 'The kitchen is still cooking part of this order: wait until it is ready.',
      held: 'A course is still held: fire it or remove it first.',
      forbidden: 'Your role may not do this: ask a manager.',
      notDone: 'Not done: {{change}}. {{reason}}',
    },
    check: {
      nothingDue: 'Nothing due.',
      giveBackHeading: 'To give back',
      giveBack: 'Give back {{amount}}',
      giveBackReason: 'Paid over the total',
      gaveBack: 'Given back {{amount}}',
    },
  },
};
