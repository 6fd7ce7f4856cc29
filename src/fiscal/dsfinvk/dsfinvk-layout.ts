/**
 * The DSFinV-K's tables (Digitale Schnittstelle der Finanzverwaltung für Kassensysteme, 2.4): each table's file,
 * its name in index.xml and its columns in the order the published index.xml gives, with the type it declares.
 * The one description of the layout: the CSV writer, index.xml and the verifier all read it from here; the layout
 * test holds it to the published file (test/fixtures/dsfinvk/).
 */

/** Text up to `maxLength` characters; a number with `places` decimals (0: a whole number). */
export type DsfinvkColumnType = { text: number } | { places: number };

export interface DsfinvkColumn {
  name: string;
  description: string;
  type: DsfinvkColumnType;
}

export interface DsfinvkTable {
  file: string;
  name: string;
  columns: readonly DsfinvkColumn[];
}

/** The version of the DFKA taxonomy the tables follow, written in cashpointclosing.csv. */
export const TAXONOMY_VERSION = '2.3';

const text = (name: string, maxLength: number, description: string): DsfinvkColumn => ({
  name,
  description,
  type: { text: maxLength },
});
const number = (name: string, places: number, description: string): DsfinvkColumn => ({
  name,
  description,
  type: { places },
});

/** Every row of every table starts with the cash point closing (Kassenabschluss) it belongs to. */
const CLOSING = [
  text('Z_KASSE_ID', 50, 'ID der (Abschluss-) Kasse'),
  text('Z_ERSTELLUNG', 30, 'Zeitpunkt des Kassenabschlusses'),
  number('Z_NR', 0, 'Nr. des Kassenabschlusses'),
];
const BON = [...CLOSING, text('BON_ID', 40, 'Vorgangs-ID')];
const LINE = [...BON, text('POS_ZEILE', 50, 'Zeilennummer')];

const table = (file: string, name: string, columns: DsfinvkColumn[]): DsfinvkTable => ({
  file,
  name,
  columns,
});

/** Einzelaufzeichnungsmodul: the single records, one receipt (Vorgang) at a time. */
export const LINES = table('lines.csv', 'Bonpos', [
  ...LINE,
  text('GUTSCHEIN_NR', 50, 'Gutschein-Nr.'),
  text('ARTIKELTEXT', 255, 'Artikeltext'),
  text('POS_TERMINAL_ID', 50, 'ID des Positions-Terminals'),
  text('GV_TYP', 30, 'Geschäftsvorfall-Art'),
  text('GV_NAME', 40, 'Zusatz zu der Geschäftsvorfall-Art'),
  text('INHAUS', 1, 'Verzehr an Ort und Stelle'),
  text('P_STORNO', 1, 'Positionsstorno-Kennzeichnung'),
  number('AGENTUR_ID', 0, 'ID der Agentur'),
  text('ART_NR', 50, 'Artikelnummer'),
  text('GTIN', 50, 'GTIN'),
  text('WARENGR_ID', 40, 'Warengruppen-ID'),
  text('WARENGR', 50, 'Bezeichnung Warengruppe'),
  number('MENGE', 3, 'Menge'),
  number('FAKTOR', 3, 'Faktor, z. B. Gebindegrößen'),
  text('EINHEIT', 50, 'Maßeinheit, z. B. kg, Liter oder Stück'),
  number('STK_BR', 5, 'Preis pro Einheit inkl. USt'),
]);

export const LINES_VAT = table('lines_vat.csv', 'Bonpos_USt', [
  ...LINE,
  number('UST_SCHLUESSEL', 0, 'ID des USt-Satzes'),
  number('POS_BRUTTO', 5, 'Bruttoumsatz'),
  number('POS_NETTO', 5, 'Nettoumsatz'),
  number('POS_UST', 5, 'USt'),
]);

export const ITEM_AMOUNTS = table('itemamounts.csv', 'Bonpos_Preisfindung', [
  ...LINE,
  text('TYP', 20, 'Basispreis, Rabatt oder Zuschlag'),
  number('UST_SCHLUESSEL', 0, 'ID des USt-Satzes'),
  number('PF_BRUTTO', 5, 'Bruttoumsatz'),
  number('PF_NETTO', 5, 'Nettoumsatz'),
  number('PF_UST', 5, 'USt'),
]);

/** Bonpos_Zusatzinfo: what a line is made of (a combo's components, a dish's modifiers), for explanation only. */
export const SUBITEMS = table('subitems.csv', 'Bonpos_Zusatzinfo', [
  ...LINE,
  text('ZI_ART_NR', 50, 'Artikelnummer'),
  text('ZI_GTIN', 50, 'GTIN'),
  text('ZI_NAME', 60, 'Artikelbezeichnung'),
  text('ZI_WARENGR_ID', 40, 'Warengruppen-ID'),
  text('ZI_WARENGR', 50, 'Bezeichnung Warengruppe'),
  number('ZI_MENGE', 3, 'Menge'),
  number('ZI_FAKTOR', 3, 'Faktor, z. B. Gebindegrößen'),
  text('ZI_EINHEIT', 50, 'Maßeinheit, z. B. kg, Liter oder Stück'),
  number('ZI_UST_SCHLUESSEL', 0, 'ID USt-Satz des Basispreises'),
  number('ZI_BASISPREIS_BRUTTO', 5, 'Basispreis brutto'),
  number('ZI_BASISPREIS_NETTO', 5, 'Basispreis netto'),
  number('ZI_BASISPREIS_UST', 5, 'Basispreis USt'),
]);

export const TRANSACTIONS = table('transactions.csv', 'Bonkopf', [
  ...BON,
  number('BON_NR', 0, 'Bonnummer'),
  text('BON_TYP', 30, 'Bontyp'),
  text('BON_NAME', 60, 'Zusatz-Beschreibung zum Bontyp'),
  text('TERMINAL_ID', 50, 'ID des Erfassungsterminals'),
  text('BON_STORNO', 1, 'Storno-Kennzeichen'),
  text('BON_START', 30, 'Zeitpunkt des Vorgangsstarts'),
  text('BON_ENDE', 30, 'Zeitpunkt der Vorgangsbeendigung'),
  text('BEDIENER_ID', 50, 'Bediener-ID'),
  text('BEDIENER_NAME', 50, 'Bediener-Name'),
  number('UMS_BRUTTO', 2, 'Brutto-Gesamtumsatz'),
  text('KUNDE_NAME', 50, 'Name des Leistungsempfängers'),
  text('KUNDE_ID', 50, 'Kundennummer des Leistungsempfängers'),
  text('KUNDE_TYP', 50, 'Art des Leistungsempfängers'),
  text('KUNDE_STRASSE', 60, 'Straße und Hausnummer des Leistungsempfängers'),
  text('KUNDE_PLZ', 10, 'PLZ des Leistungsempfängers'),
  text('KUNDE_ORT', 62, 'Ort des Leistungsempfängers'),
  text('KUNDE_LAND', 3, 'Land des Leistungsempfängers'),
  text('KUNDE_USTID', 15, 'UStID des Leistungsempfängers'),
  text('BON_NOTIZ', 255, 'Zusätzliche Informationen zum Bonkopf'),
]);

export const TRANSACTIONS_VAT = table('transactions_vat.csv', 'Bonkopf_USt', [
  ...BON,
  number('UST_SCHLUESSEL', 0, 'ID des USt-Satzes'),
  number('BON_BRUTTO', 5, 'Bruttoumsatz'),
  number('BON_NETTO', 5, 'Nettoumsatz'),
  number('BON_UST', 5, 'USt'),
]);

export const ALLOCATION_GROUPS = table('allocation_groups.csv', 'Bonkopf_AbrKreis', [
  ...BON,
  text('ABRECHNUNGSKREIS', 50, 'z. B. Tischnummer'),
]);

export const DATA_PAYMENT = table('datapayment.csv', 'Bonkopf_Zahlarten', [
  ...BON,
  text('ZAHLART_TYP', 25, 'Typ der Zahlart'),
  text('ZAHLART_NAME', 60, 'Name der Zahlart'),
  text('ZAHLWAEH_CODE', 3, 'Währungscode'),
  number('ZAHLWAEH_BETRAG', 2, 'Betrag in Fremdwährung'),
  number('BASISWAEH_BETRAG', 2, 'Betrag in Basiswährung'),
]);

export const REFERENCES = table('references.csv', 'Bon_Referenzen', [
  ...BON,
  text('POS_ZEILE', 50, 'Zeilennummer des referenzierenden Vorgangs'),
  text('REF_TYP', 20, 'Art der Referenz'),
  text('REF_NAME', 40, 'Beschreibung bei Art ExterneSonstige'),
  text('REF_DATUM', 30, 'Datum des Kassenabschlusses'),
  text('REF_Z_KASSE_ID', 50, 'ID der (Abschluss-) Kasse'),
  number('REF_Z_NR', 0, 'Nr. des Kassenabschlusses'),
  text('REF_BON_ID', 40, 'Vorgangs-ID'),
]);

export const TRANSACTIONS_TSE = table('transactions_tse.csv', 'TSE_Transaktionen', [
  ...BON,
  number('TSE_ID', 0, 'ID der für die Transaktion verwendeten TSE'),
  number('TSE_TANR', 0, 'Transaktionsnummer der Transaktion'),
  text('TSE_TA_START', 30, 'Log-Time der StartTransaction-Operation'),
  text('TSE_TA_ENDE', 30, 'Log-Time der FinishTransaction-Operation'),
  text('TSE_TA_VORGANGSART', 30, 'processType der FinishTransaction-Operation'),
  number('TSE_TA_SIGZ', 0, 'Signaturzähler der FinishTransaction-Operation'),
  text('TSE_TA_SIG', 512, 'Signatur der FinishTransaction-Operation'),
  text('TSE_TA_FEHLER', 200, 'Ggf. Hinweise auf Fehler der TSE'),
  text('TSE_VORGANGSDATEN', 1000, 'An die TSE übergebene Daten des Vorgangs'),
]);

/** Stammdatenmodul: the master data, once per cash point closing. */
export const CASH_POINT_CLOSING = table('cashpointclosing.csv', 'Stamm_Abschluss', [
  ...CLOSING,
  text('Z_BUCHUNGSTAG', 25, 'Vom Erstellungsdatum abweichender Verbuchungstag'),
  text('TAXONOMIE_VERSION', 10, 'Version der DFKA-Taxonomie-Kasse'),
  text('Z_START_ID', 40, 'Erste BON_ID im Abschluss'),
  text('Z_ENDE_ID', 40, 'Letzte BON_ID im Abschluss'),
  text('NAME', 60, 'Name des Unternehmens'),
  text('STRASSE', 60, 'Straße'),
  text('PLZ', 10, 'Postleitzahl'),
  text('ORT', 62, 'Ort'),
  text('LAND', 3, 'Land'),
  text('STNR', 20, 'Steuernummer des Unternehmens'),
  text('USTID', 15, 'USTID'),
  number('Z_SE_ZAHLUNGEN', 2, 'Summe aller Zahlungen'),
  number('Z_SE_BARZAHLUNGEN', 2, 'Summe aller Barzahlungen'),
]);

export const LOCATION = table('location.csv', 'Stamm_Orte', [
  ...CLOSING,
  text('LOC_NAME', 60, 'Name des Standortes'),
  text('LOC_STRASSE', 60, 'Straße'),
  text('LOC_PLZ', 10, 'Postleitzahl'),
  text('LOC_ORT', 62, 'Ort'),
  text('LOC_LAND', 3, 'Land'),
  text('LOC_USTID', 15, 'USTID'),
]);

export const CASH_REGISTER = table('cashregister.csv', 'Stamm_Kassen', [
  ...CLOSING,
  text('KASSE_BRAND', 50, 'Marke der Kasse'),
  text('KASSE_MODELL', 50, 'Modellbezeichnung'),
  text('KASSE_SERIENNR', 70, 'Seriennummer der Kasse'),
  text('KASSE_SW_BRAND', 50, 'Markenbezeichnung der Software'),
  text('KASSE_SW_VERSION', 50, 'Version der Software'),
  text('KASSE_BASISWAEH_CODE', 3, 'Basiswährung der Kasse'),
  text('KEINE_UST_ZUORDNUNG', 1, 'UmsatzsteuerNichtErmittelbar'),
]);

export const SLAVES = table('slaves.csv', 'Stamm_Terminals', [
  ...CLOSING,
  text('TERMINAL_ID', 50, 'ID des Terminals'),
  text('TERMINAL_BRAND', 50, 'Marke der Terminals'),
  text('TERMINAL_MODELL', 50, 'Modellbezeichnung des Terminals'),
  text('TERMINAL_SERIENNR', 70, 'Seriennummer des Terminals'),
  text('TERMINAL_SW_BRAND', 50, 'Markenbezeichnung der Software'),
  text('TERMINAL_SW_VERSION', 50, 'Version der Software'),
]);

export const AGENCIES = table('pa.csv', 'Stamm_Agenturen', [
  ...CLOSING,
  number('AGENTUR_ID', 0, 'ID der Agentur'),
  text('AGENTUR_NAME', 60, 'Name des Auftraggebers'),
  text('AGENTUR_STRASSE', 60, 'Straße'),
  text('AGENTUR_PLZ', 10, 'Postleitzahl'),
  text('AGENTUR_ORT', 62, 'Ort'),
  text('AGENTUR_LAND', 3, 'Land'),
  text('AGENTUR_STNR', 20, 'Steuernummer des Auftraggebers'),
  text('AGENTUR_USTID', 15, 'USTID des Auftraggebers'),
]);

export const VAT = table('vat.csv', 'Stamm_USt', [
  ...CLOSING,
  number('UST_SCHLUESSEL', 0, 'ID des Umsatzsteuersatzes'),
  number('UST_SATZ', 2, 'Prozentsatz'),
  text('UST_BESCHR', 55, 'Beschreibung'),
]);

export const TSE = table('tse.csv', 'Stamm_TSE', [
  ...CLOSING,
  number('TSE_ID', 0, 'ID der TSE, nur zur Referenzierung innerhalb eines Kassenabschlusses'),
  text('TSE_SERIAL', 68, 'Seriennummer der TSE (Hashwert des Schlüssels, TR-03153)'),
  text('TSE_SIG_ALGO', 21, 'Der von der TSE verwendete Signaturalgorithmus'),
  text('TSE_ZEITFORMAT', 31, 'Das von der TSE verwendete Format für die Log-Time'),
  text('TSE_PD_ENCODING', 5, 'Text-Encoding der ProcessData (UTF-8 oder ASCII)'),
  text('TSE_PUBLIC_KEY', 512, 'Öffentlicher Schlüssel in base64-Codierung'),
  text('TSE_ZERTIFIKAT_I', 1000, 'Erste 1.000 Zeichen des Zertifikats der TSE (base64)'),
  text('TSE_ZERTIFIKAT_II', 1000, 'Ggf. Rest des Zertifikats (base64)'),
]);

/** Kassenabschlussmodul: the sums of each cash point closing. */
export const BUSINESS_CASES = table('businesscases.csv', 'Z_GV_Typ', [
  ...CLOSING,
  text('GV_TYP', 30, 'Typ der Geschäftsvorfall-Art'),
  text('GV_NAME', 40, 'Name der Geschäftsvorfall-Art'),
  number('AGENTUR_ID', 0, 'ID der Agentur'),
  number('UST_SCHLUESSEL', 0, 'ID des Umsatzsteuersatzes'),
  number('Z_UMS_BRUTTO', 5, 'Bruttoumsatz'),
  number('Z_UMS_NETTO', 5, 'Nettoumsatz'),
  number('Z_UST', 5, 'USt'),
]);

export const PAYMENT = table('payment.csv', 'Z_Zahlart', [
  ...CLOSING,
  text('ZAHLART_TYP', 25, 'Typ der Zahlart'),
  text('ZAHLART_NAME', 60, 'Name der Zahlart'),
  number('Z_ZAHLART_BETRAG', 2, 'Betrag'),
]);

export const CASH_PER_CURRENCY = table('cash_per_currency.csv', 'Z_Waehrungen', [
  ...CLOSING,
  text('ZAHLART_WAEH', 3, 'Währung'),
  number('ZAHLART_BETRAG_WAEH', 2, 'Betrag'),
]);

/** Every table of the export, in the order the published index.xml lists them. */
export const DSFINVK_TABLES: readonly DsfinvkTable[] = [
  CASH_POINT_CLOSING,
  LOCATION,
  CASH_REGISTER,
  SLAVES,
  AGENCIES,
  TSE,
  VAT,
  BUSINESS_CASES,
  PAYMENT,
  CASH_PER_CURRENCY,
  TRANSACTIONS,
  DATA_PAYMENT,
  LINES,
  ITEM_AMOUNTS,
  SUBITEMS,
  TRANSACTIONS_TSE,
  TRANSACTIONS_VAT,
  LINES_VAT,
  ALLOCATION_GROUPS,
  REFERENCES,
];
