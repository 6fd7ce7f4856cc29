/** Headquarters' back office: the staff directory, each person with their sites and roles. */
export const backOfficeHqStaff = {
  hqStaff: {
    heading: 'Staff',
    intro:
      'The organisation’s people: one password and one PIN sign each of them in at every site they work at. ' +
      'Each linked site takes a change at its next contact; a person deactivated here signs in nowhere.',
    managerHint: 'An admin adds people and changes their sites, roles and secrets.',
    people: 'The directory',
    row: '{{name}} · {{username}} · {{state}} · {{sites}}',
    allSites: 'All sites: {{role}}',
    atSite: '{{site}}: {{role}}',
    noSite: 'no site',
    erased: 'erased',
    erase: 'Erase',
    eraseOf: 'Erase {{name}}',
    eraseConfirm:
      'Erase {{name}} everywhere? Their name, password and PIN are removed at headquarters and, at its next ' +
      'contact, at every site. This cannot be undone.',
    eraseYes: 'Yes, erase them',
    problemsOf: 'What the sites could not take of {{name}}',
    siteProblem: '{{site}} could not take their last change ({{at}}): {{problem}}',
    edit: 'Edit',
    editOf: 'Edit {{name}}',
    cancel: 'Cancel',
    add: 'Add a person',
    editing: 'Change {{name}}',
    keepBlank: 'Left blank: stays as it is.',
    worksAt: 'Works at',
    chosenSites: 'The sites chosen below',
    everySite: 'Every site (also those added later)',
    allSitesRole: 'Role at every site',
    sites: 'Sites',
    roleAt: 'Role at {{site}}',
    addButton: 'Add the person',
    save: 'Save the changes',
  },
};
