import type { waiterRefusals as english } from '../en/waiter-refusals';

/** Was das Tablet sagt, wenn die Kasse eine Änderung ablehnt: der Grund in Worten, nach dem Code der API. */
export const waiterRefusals: typeof english = {
  due: 'Es sind noch {{amount}} offen: zuerst kassieren.',
  overpaid: 'Es wurden {{amount}} zu viel bezahlt: zuerst dem Gast zurückgeben.',
  cooking: 'Die Küche kocht noch einen Teil dieser Bestellung: warten, bis er fertig ist.',
  held: 'Ein Gang ist noch zurückgehalten: zuerst abrufen oder entfernen.',
  notDone: 'Nicht erledigt: {{change}}. {{reason}}',
  codes: {
    badRequest:
      'Das Tablet hat etwas gesendet, das die Kasse nicht lesen kann: erneut versuchen oder das Tablet neu laden.',
    unauthorized: 'Die Anmeldung ist abgelaufen: bitte neu anmelden.',
    forbidden: 'Das darf Ihre Rolle nicht: bitte die Leitung fragen.',
    notFound: 'Das gibt es auf der Kasse nicht mehr: jemand hat es entfernt, oder es wurde abgeschlossen.',
    conflict: 'Das geht so, wie es jetzt steht, nicht: die Bestellung neu ansehen.',
    invalidTransition: 'Die Bestellung ist schon weiter und kann das jetzt nicht: bitte neu ansehen.',
    versionConflict:
      'Jemand hat diese Bestellung zuerst auf einem anderen Tablet geändert: bitte neu ansehen.',
    nothingToFire: 'Es ist kein Gang zum Abrufen zurückgehalten.',
    inProgress: 'Dieselbe Änderung ist noch unterwegs: einen Moment warten.',
    terminalPaymentRunning: 'Eine Kartenzahlung am Terminal hält diese Bestellung: warten, bis sie endet.',
    terminalBusy: 'Das Kartenterminal nimmt gerade eine andere Zahlung an: warten, bis es frei ist.',
    channelPaused: 'Dieser Kanal nimmt gerade keine Bestellungen an.',
    managedByHq: 'Das entscheidet die Zentrale: bitte die Leitung fragen.',
    payloadTooLarge: 'Zu viel auf einmal: in kleineren Teilen senden.',
    validation: 'Eine Eingabe stimmt nicht: Beträge und Auswahl prüfen.',
    keyReused: 'Diese Änderung wurde schon mit anderem Inhalt gesendet: bitte neu eingeben.',
    outOfStock: 'Von einem Gericht ist nicht mehr genug da: bitte die Küche fragen.',
    insufficientBalance: 'Auf der Gutscheinkarte ist nicht genug Guthaben.',
    balanceLeft: 'Auf der Gutscheinkarte sind nur noch {{balance}}.',
    rateLimited: 'Zu viele Versuche in kurzer Zeit: kurz warten und erneut versuchen.',
    internal: 'Die Kasse hat dabei einen Fehler gemacht: erneut versuchen oder die Leitung fragen.',
    unavailable: 'Die Kasse erreicht ihre Daten gerade nicht: gleich erneut versuchen.',
    other: 'Die Kasse hat es abgelehnt.',
  },
};
