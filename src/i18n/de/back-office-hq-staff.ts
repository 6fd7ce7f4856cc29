/** Das Back Office der Zentrale: das Personalverzeichnis, jede Person mit ihren Filialen und Rollen. */
export const backOfficeHqStaff = {
  hqStaff: {
    heading: 'Mitarbeiter',
    intro:
      'Die Personen der Organisation: Ein Passwort und eine PIN melden jede von ihnen in jeder Filiale an, in ' +
      'der sie arbeitet. Jede verbundene Filiale übernimmt eine Änderung bei ihrem nächsten Kontakt; wer hier ' +
      'deaktiviert wird, kann sich nirgends mehr anmelden.',
    managerHint: 'Personen anlegen und ihre Filialen, Rollen und Zugangsdaten ändern kann ein Administrator.',
    people: 'Das Verzeichnis',
    row: '{{name}} · {{username}} · {{state}} · {{sites}}',
    allSites: 'Alle Filialen: {{role}}',
    atSite: '{{site}}: {{role}}',
    noSite: 'keine Filiale',
    edit: 'Bearbeiten',
    editOf: '{{name}} bearbeiten',
    cancel: 'Abbrechen',
    add: 'Person anlegen',
    editing: '{{name}} ändern',
    keepBlank: 'Leer gelassen: bleibt, wie es ist.',
    worksAt: 'Arbeitet in',
    chosenSites: 'Den unten gewählten Filialen',
    everySite: 'Jeder Filiale (auch später hinzugefügten)',
    allSitesRole: 'Rolle in jeder Filiale',
    sites: 'Filialen',
    roleAt: 'Rolle in {{site}}',
    addButton: 'Person anlegen',
    save: 'Änderungen speichern',
  },
};
