import type { timeClock as english } from '../en/time-clock';

/** Die Zeiterfassung auf dem Kellner-Tablet und dem Küchenbildschirm: ein- und ausstempeln, Pausen, Stunden, Trinkgeld. */
export const timeClock: typeof english = {
  button: 'Zeit · {{status}}',
  heading: 'Meine Zeit',
  loading: 'Ihre Zeiten werden geladen…',
  status: {
    out: 'Ausgestempelt',
    in: 'Eingestempelt',
    onBreak: 'In der Pause',
  },
  since: {
    in: 'Eingestempelt seit {{time}} als {{job}}',
    inNoJob: 'Eingestempelt seit {{time}}',
    paidBreak: 'In bezahlter Pause seit {{time}}',
    unpaidBreak: 'In unbezahlter Pause seit {{time}}',
  },
  job: 'Tätigkeit',
  chooseJob: 'Tätigkeit wählen',
  clockIn: 'Einstempeln',
  clockOut: 'Ausstempeln',
  breakKind: 'Pause',
  paidBreak: 'Bezahlte Pause',
  unpaidBreak: 'Unbezahlte Pause',
  startBreak: 'Pause beginnen',
  endBreak: 'Pause beenden',
  ended: 'Schicht beendet: {{hours}} Std. gearbeitet, {{minutes}} Min. Pause.',
  flags: {
    break_too_short:
      'Die Pausen waren zu kurz für die Arbeitszeit: das Gesetz verlangt 30 Minuten nach 6 Stunden und 45 nach 9, in Abschnitten von mindestens 15 Minuten.',
    worked_too_long_without_break: 'Mehr als 6 Stunden wurde ohne Pause gearbeitet.',
  },
  week: 'Diese Woche',
  weekHours: '{{hours}} Std. gearbeitet',
  weekOvertime: 'davon {{hours}} Std. Überstunden',
  shift: '{{day}} · {{job}} · {{hours}} Std.',
  noJob: 'ohne Tätigkeit',
  tips: 'Mein Trinkgeld diese Woche',
  noTips: 'Diese Woche noch kein Trinkgeld.',
  cardTips: 'Trinkgeld per Karte',
  declaredTips: 'Gemeldetes Bargeld-Trinkgeld',
  share: 'Mein Anteil nach den Trinkgeldregeln',
  paidOut: 'Ausgezahlt',
  balance: 'Noch auszuzahlen',
  refusals: {
    conflict: 'Sie sind schon eingestempelt.',
    invalidTransition: 'So nicht möglich: Oben steht, wie Ihre Zeit gerade steht.',
    validation: 'Bitte zuerst eine Ihrer Tätigkeiten wählen.',
    unauthorized: 'Die Anmeldung ist abgelaufen: bitte neu anmelden.',
    other: 'Die Kasse hat es abgelehnt: bitte die Leitung fragen.',
    noConnection: 'Keine Verbindung zur Kasse: gleich noch einmal versuchen.',
  },
};
