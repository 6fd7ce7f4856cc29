/**
 * Anhang G of the DSFinV-K: which fields each table must fill. `always`: every row; `onArticleLines`: every line
 * that sells an article (GV_TYP Umsatz); `oneOf`: at least one field of each group; `withCustomer`: every receipt
 * that names its customer (the recipient of the service); `continued`: the rest of a field cut at its length;
 * `unlessFailed`: what a signing unit answers, on every transaction it did not fail. The layout test holds this to the published matrix
 * (test/fixtures/dsfinvk/mandatory-fields.json); the verifier checks an export against it.
 */
export interface MandatoryFields {
  always: readonly string[];
  onArticleLines?: readonly string[];
  oneOf?: ReadonlyArray<readonly string[]>;
  withCustomer?: readonly string[];
  /** Mandatory unless TSE_TA_FEHLER says the unit failed the transaction. */
  unlessFailed?: readonly string[];
  /** A field that continues another: mandatory when that one is full (1000 characters). */
  continued?: Readonly<Record<string, string>>;
}

const CLOSING = ['Z_KASSE_ID', 'Z_ERSTELLUNG', 'Z_NR'];
const BON = [...CLOSING, 'BON_ID'];
const LINE = [...BON, 'POS_ZEILE'];

export const MANDATORY_FIELDS: Readonly<Record<string, MandatoryFields>> = {
  'cashpointclosing.csv': {
    always: [
      ...CLOSING,
      'TAXONOMIE_VERSION',
      'Z_START_ID',
      'Z_ENDE_ID',
      'NAME',
      'STRASSE',
      'PLZ',
      'ORT',
      'LAND',
      'Z_SE_ZAHLUNGEN',
      'Z_SE_BARZAHLUNGEN',
    ],
    oneOf: [['STNR', 'USTID']],
  },
  'location.csv': {
    always: [...CLOSING, 'LOC_NAME', 'LOC_STRASSE', 'LOC_PLZ', 'LOC_ORT', 'LOC_LAND'],
  },
  'cashregister.csv': {
    always: [...CLOSING, 'KASSE_SERIENNR', 'KASSE_BASISWAEH_CODE'],
  },
  'slaves.csv': {
    always: [...CLOSING, 'TERMINAL_ID', 'TERMINAL_SERIENNR'],
  },
  'pa.csv': {
    always: [
      ...CLOSING,
      'AGENTUR_ID',
      'AGENTUR_NAME',
      'AGENTUR_STRASSE',
      'AGENTUR_PLZ',
      'AGENTUR_ORT',
      'AGENTUR_LAND',
    ],
    oneOf: [['AGENTUR_STNR', 'AGENTUR_USTID']],
  },
  'tse.csv': {
    always: [
      ...CLOSING,
      'TSE_ID',
      'TSE_SERIAL',
      'TSE_SIG_ALGO',
      'TSE_ZEITFORMAT',
      'TSE_PD_ENCODING',
      'TSE_PUBLIC_KEY',
      'TSE_ZERTIFIKAT_I',
    ],
    // Grey in Anhang G, but it is "ggf. der Rest": filled when the certificate is longer than 1000 characters.
    continued: { TSE_ZERTIFIKAT_II: 'TSE_ZERTIFIKAT_I' },
  },
  'vat.csv': {
    always: [...CLOSING, 'UST_SCHLUESSEL', 'UST_SATZ', 'UST_BESCHR'],
  },
  'businesscases.csv': {
    always: [...CLOSING, 'GV_TYP', 'UST_SCHLUESSEL', 'Z_UMS_BRUTTO', 'Z_UMS_NETTO', 'Z_UST'],
  },
  'payment.csv': {
    always: [...CLOSING, 'ZAHLART_TYP', 'Z_ZAHLART_BETRAG'],
  },
  'cash_per_currency.csv': {
    always: [...CLOSING, 'ZAHLART_WAEH', 'ZAHLART_BETRAG_WAEH'],
  },
  'transactions.csv': {
    always: [...BON, 'BON_NR', 'BON_TYP', 'BON_START', 'BON_ENDE', 'BEDIENER_ID', 'UMS_BRUTTO'],
    withCustomer: ['KUNDE_NAME', 'KUNDE_ID', 'KUNDE_TYP'],
  },
  'datapayment.csv': {
    always: [...BON, 'ZAHLART_TYP', 'ZAHLWAEH_CODE', 'BASISWAEH_BETRAG'],
  },
  'lines.csv': {
    always: [...LINE, 'ARTIKELTEXT', 'GV_TYP'],
    onArticleLines: ['ART_NR', 'MENGE', 'STK_BR'],
  },
  'itemamounts.csv': {
    always: [...LINE, 'UST_SCHLUESSEL'],
  },
  'subitems.csv': {
    always: [...LINE, 'ZI_ART_NR', 'ZI_MENGE', 'ZI_UST_SCHLUESSEL'],
  },
  'transactions_tse.csv': {
    always: [...BON, 'TSE_TA_VORGANGSART'],
    // What the unit answers: a transaction it failed has none of it, and TSE_TA_FEHLER says why.
    unlessFailed: ['TSE_ID', 'TSE_TANR', 'TSE_TA_START', 'TSE_TA_ENDE', 'TSE_TA_SIGZ', 'TSE_TA_SIG'],
  },
  'transactions_vat.csv': {
    always: [...BON, 'UST_SCHLUESSEL', 'BON_BRUTTO', 'BON_NETTO', 'BON_UST'],
  },
  'lines_vat.csv': {
    always: [...LINE, 'UST_SCHLUESSEL'],
  },
  'allocation_groups.csv': {
    always: [...BON],
  },
  'references.csv': {
    always: [...BON, 'REF_TYP', 'REF_BON_ID'],
  },
};
