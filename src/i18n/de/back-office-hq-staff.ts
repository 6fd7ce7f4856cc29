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
    erased: 'gelöscht',
    erase: 'Löschen',
    eraseOf: '{{name}} löschen',
    eraseConfirm:
      '{{name}} überall löschen? Name, Passwort und PIN werden in der Zentrale und bei ihrem nächsten Kontakt ' +
      'in jeder Filiale entfernt. Das lässt sich nicht rückgängig machen.',
    eraseYes: 'Ja, löschen',
    problemsOf: 'Was die Filialen von {{name}} nicht übernehmen konnten',
    siteProblem: '{{site}} konnte die letzte Änderung nicht übernehmen ({{at}}): {{problem}}',
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
