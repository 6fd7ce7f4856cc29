/**
 * The API's field messages (`error.details[].message` of a 422) in German, for a request that asks for German
 * (`Accept-Language`). Exact messages first, then class-validator's own, whose numbers and lists are kept. A
 * message not here stays English: every client shows it beside its field either way.
 */
export const germanFieldMessages: Readonly<Record<string, string>> = {
  'is required': 'ist erforderlich',
  'must not be empty': 'darf nicht leer sein',
  'must be shorter': 'muss kürzer sein',
  'must be 4 to 8 digits': 'muss aus 4 bis 8 Ziffern bestehen',
  'must be the 6 digits the authenticator app shows': 'muss die 6 Ziffern der Authenticator-App enthalten',
  'must be a phone number': 'muss eine Telefonnummer sein',
  'must be an e-mail address': 'muss eine E-Mail-Adresse sein',
  'must be an http(s) URL': 'muss eine http(s)-Adresse sein',
  'must be an IANA time zone such as Europe/Berlin': 'muss eine Zeitzone wie Europe/Berlin sein',
  'must be an ISO 3166 alpha-2 code such as DE or AT': 'muss ein Ländercode wie DE oder AT sein',
  'must be an ISO 3166 country code with a telephone numbering plan, such as DE or GB':
    'muss ein Ländercode mit eigener Telefonvorwahl sein, wie DE oder GB',
  'must be an ISO 4217 code such as EUR': 'muss ein Währungscode wie EUR sein',
  'must be an integer amount in minor units': 'muss ein ganzer Betrag in Cent sein',
  'must be an integer number of base units': 'muss eine ganze Zahl der Grundeinheit sein',
  'must not contain control characters': 'darf keine Steuerzeichen enthalten',
  'must be a number with at most 4 decimals': 'muss eine Zahl mit höchstens 4 Nachkommastellen sein',
  'must have at most two decimals': 'darf höchstens zwei Nachkommastellen haben',
  'must be a date written YYYY-MM-DD': 'muss ein Datum der Form JJJJ-MM-TT sein',
  'must be an ISO 8601 date-time, such as 2026-11-22T18:03:11.123Z':
    'muss ein Zeitpunkt nach ISO 8601 sein, wie 2026-11-22T18:03:11.123Z',
  'must list each weekday once': 'muss jeden Wochentag einmal nennen',
  'each value must be an ISO weekday from 1 (Monday) to 7 (Sunday)':
    'jeder Wert muss ein Wochentag von 1 (Montag) bis 7 (Sonntag) sein',
  'choose at least one': 'mindestens eines auswählen',
  'is a duplicate': 'ist doppelt',
  'is not allowed': 'ist nicht erlaubt',
  'is not available': 'ist nicht verfügbar',
  'is unavailable': 'ist nicht verfügbar',
  'is sold out': 'ist ausverkauft',
  'managed by headquarters': 'wird von der Zentrale verwaltet',
  'no such category': 'diese Kategorie gibt es nicht',
  'no such dish': 'dieses Gericht gibt es nicht',
  'no such option': 'diese Option gibt es nicht',
  'no such station': 'diese Station gibt es nicht',
  'no such variation': 'diese Größe gibt es nicht',
  'no such variation of this dish': 'diese Größe hat das Gericht nicht',
  'is no variation of this dish': 'ist keine Größe dieses Gerichts',
  'is not an option of this dish': 'ist keine Option dieses Gerichts',
  'is not a known station': 'ist keine bekannte Station',
  'is no ingredient': 'ist keine Zutat',
  'is required for a tcp printer': 'ist für einen Netzwerkdrucker erforderlich',
  'is required for delivery': 'ist für eine Lieferung erforderlich',
  'is required: the dish has several variations': 'ist erforderlich: das Gericht hat mehrere Größen',
  'may contain only letters, digits, ".", "-" and "_"':
    'darf nur Buchstaben, Ziffern, ".", "-" und "_" enthalten',
  'must be 1 to 40 lower-case letters, digits, - or _':
    'muss aus 1 bis 40 Kleinbuchstaben, Ziffern, - oder _ bestehen',
  'width must be one of 32, 42, 48 (characters per line)':
    'die Breite muss 32, 42 oder 48 Zeichen je Zeile sein',
  'should not exist': 'ist hier nicht vorgesehen',
  'the file is empty': 'die Datei ist leer',
};

/** class-validator's messages (without the field's name), each with the German that keeps its numbers and lists. */
export const germanRuleMessages: ReadonlyArray<[RegExp, string]> = [
  [/^must be a string$/, 'muss ein Text sein'],
  [/^must be an integer number$/, 'muss eine ganze Zahl sein'],
  [/^must be a number conforming to the specified constraints$/, 'muss eine Zahl sein'],
  [/^must be a boolean value$/, 'muss ja oder nein sein'],
  [/^must be a UUID$/, 'muss eine UUID sein'],
  [/^must be an array$/, 'muss eine Liste sein'],
  [/^must be an object$/, 'muss ein Objekt sein'],
  [/^must be an email$/, 'muss eine E-Mail-Adresse sein'],
  [/^must be a URL address$/, 'muss eine Web-Adresse sein'],
  [/^should not be empty$/, 'darf nicht leer sein'],
  [/^must not be less than (.+)$/, 'darf nicht kleiner als $1 sein'],
  [/^must not be greater than (.+)$/, 'darf nicht größer als $1 sein'],
  [
    /^must be longer than or equal to (\d+) and shorter than or equal to (\d+) characters$/,
    'muss $1 bis $2 Zeichen lang sein',
  ],
  [/^must be longer than or equal to (\d+) characters$/, 'muss mindestens $1 Zeichen lang sein'],
  [/^must be shorter than or equal to (\d+) characters$/, 'darf höchstens $1 Zeichen lang sein'],
  [/^must contain no more than (\d+) elements$/, 'darf höchstens $1 Einträge enthalten'],
  [/^must contain at least (\d+) elements$/, 'muss mindestens $1 Einträge enthalten'],
  [/^must be one of the following values: (.*)$/, 'muss einer dieser Werte sein: $1'],
  [/^must match (.+) regular expression$/, 'hat nicht die erwartete Form'],
];
