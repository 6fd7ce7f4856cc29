/**
 * Headquarters' staff screen in a real browser (a service process with POS_ROLE=hq, two restaurants linked to it
 * and a third site never linked): through the page alone, the admin adds a waiter to two of the sites (after the
 * API's refusal of a person with neither password nor PIN, shown beside the field), sees them listed with both,
 * makes them the manager at one, and deactivates them. After each change the linked sites show it took: they hold
 * headquarters' directory version, the person signs in there with their password and PIN in the role given, and
 * once deactivated signs in at neither. A change a site cannot take is said under the person; an erasure is
 * asked once more, and reaches the site. A manager of headquarters reads the list without the form; in German the
 * screen shows only texts the German catalogues wrote.
 */
import request from 'supertest';
import { CATALOGUES } from '../src/i18n/catalogues';
import { CHROMIUM, describeInBrowser, fillForm, keepScreenshots } from './support/browser';
import { chainInBrowser, HQ_NAVIGATION } from './support/chain-fixture';
import { SITE_IDENTITY } from './support/chain-sites';
import { linkSite, type Site } from './support/chain-sites';
import { as, loginAdmin, type Session } from './support/clients';
import { shownTexts, untranslated } from './support/untranslated';
import { eventually } from './support/webhook-receiver';

const LENA = { username: 'lena', displayName: 'Lena W.', password: 'lena-secret-1', pin: '4821' };
const MANAGER = { username: 'marta', displayName: 'Marta M.', password: 'marta-secret-1' };
const SITES = ['Linde Mitte', 'Linde Kreuzberg', 'Linde Hafen'];

/** The names typed here or made by the service (no language's words): allowed on a German page. */
const NAMES = ['My Restaurant', 'Administrator', ...SITES, LENA.displayName, LENA.username];

describeInBrowser(`Headquarters' staff screen in a real browser (${CHROMIUM})`, () => {
  // Mitte and Kreuzberg, linked; Hafen, a site at headquarters alone.
  const chain = chainInBrowser(SITES.slice(0, 2));
  let hqAdmin: Session;
  let linked: Site[];

  beforeAll(async () => {
    hqAdmin = await loginAdmin(chain.hq);
    linked = chain.sites;
    for (const site of linked) await linkSite(chain.hq, hqAdmin, site, chain.hq.url);
    await as(chain.hq, hqAdmin)
      .post('/api/v1/hq/sites')
      .send({ ...SITE_IDENTITY, name: SITES[2] })
      .expect(201);
    await as(chain.hq, hqAdmin)
      .post('/api/v1/users')
      .send({ ...MANAGER, role: 'manager' })
      .expect(201);
  });

  /** Lena as headquarters has her now: her id, and the directory's version of her last change. */
  const lenaAtHq = async () => {
    const listed = await as(chain.hq, hqAdmin).get('/api/v1/hq/staff').expect(200);
    const person = (listed.body.items as Array<{ id: string; username: string; version: number }>).find(
      (each) => each.username === LENA.username,
    );
    return person!;
  };

  /** Waits until both linked sites hold headquarters' directory as it is now. */
  const sitesTookIt = async () => {
    const { version } = await lenaAtHq();
    for (const site of linked) {
      await eventually(`${site.name} holds directory version ${version}`, async () => {
        const link = await as(site.service, site.admin).get('/api/v1/hq-link').expect(200);
        return (link.body.staff as { version: number }).version >= version;
      });
    }
  };

  /** The status of her sign-in at `site` with her password (the back office's sign-in). */
  const signInWithPassword = async (site: Site) =>
    (
      await request(site.service.url)
        .post('/api/v1/auth/login')
        .send({ username: LENA.username, password: LENA.password })
    ).status;
  /** The status of her sign-in with her PIN at `site`, on its PIN pad. */
  const signInWithPin = async (site: Site) => {
    const { id } = await lenaAtHq();
    return (await request(site.service.url).post('/api/v1/auth/pin').send({ userId: id, pin: LENA.pin }))
      .status;
  };
  /** Her role at `site`, and whether the site has her from headquarters. */
  const roleAt = async (site: Site) => {
    const { id } = await lenaAtHq();
    const user = await as(site.service, site.admin).get(`/api/v1/users/${id}`).expect(200);
    return [user.body.role as string, user.body.fromHeadquarters as boolean];
  };

  it('adds a waiter at two sites, makes them a manager at one, deactivates them, and the sites follow', async () => {
    const { page, problems } = await chain.backOffice(chain.hq.url, 'chainStaff');
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    const navigation = page.getByRole('navigation', { name: 'Screens' });
    expect(await navigation.getByRole('link').allTextContents()).toEqual(HQ_NAVIGATION);
    const directory = page.getByRole('region', { name: 'The directory' });
    await directory.getByText('Nothing yet.').waitFor();

    // A waiter at two of the three sites, picked by name, a role beside each.
    const form = page.locator('form#hq-staff');
    await page.getByRole('heading', { name: 'Add a person', level: 2 }).waitFor();
    await fillForm(page, 'hq-staff', { Name: LENA.displayName, Username: LENA.username });
    expect(await form.getByLabel('Works at').inputValue()).toBe('chosen');
    await form.getByLabel('Find one to add').fill('Linde');
    await form.getByRole('button', { name: 'Add Linde Mitte' }).click();
    await form.getByRole('button', { name: 'Add Linde Kreuzberg' }).click();
    await form.getByRole('button', { name: 'Add Linde Hafen' }).waitFor();
    await fillForm(page, 'hq-staff', {
      'Role at Linde Mitte': 'Waiter',
      'Role at Linde Kreuzberg': 'Waiter',
    });
    // Neither a password nor a PIN: the API's refusal beside the password, and nobody added.
    await form.getByRole('button', { name: 'Add the person' }).click();
    await page
      .locator('#hq-staff-password-error')
      .filter({ hasText: 'a password or a pin is required' })
      .waitFor();
    await fillForm(page, 'hq-staff', { PIN: LENA.pin, 'Password (for the back office)': LENA.password });
    await form.getByRole('button', { name: 'Add the person' }).click();
    const lena = directory.getByRole('listitem').filter({ hasText: LENA.displayName });
    await lena
      .filter({ hasText: 'Lena W. · lena · active · Linde Kreuzberg: Waiter, Linde Mitte: Waiter' })
      .waitFor();
    expect(await directory.getByRole('listitem').count()).toBe(1);
    // Cleared for the next person.
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe('');
    await keepScreenshots(page, 'back-office-hq-staff');

    // Both linked sites took her: a waiter at each, signing in with her password at one and her PIN at the other.
    await sitesTookIt();
    expect(await Promise.all(linked.map(roleAt))).toEqual([
      ['waiter', true],
      ['waiter', true],
    ]);
    expect(await signInWithPassword(linked[0])).toBe(200);
    expect(await signInWithPin(linked[1])).toBe(200);

    // The manager at Kreuzberg: her sites shown in the form, one role changed, the PIN left as it is.
    await directory.getByRole('button', { name: 'Edit Lena W.' }).click();
    await page.getByRole('heading', { name: 'Change Lena W.', level: 2 }).waitFor();
    expect(await form.getByLabel('Name', { exact: true }).inputValue()).toBe(LENA.displayName);
    await form.getByRole('list', { name: 'Sites chosen' }).getByText('Linde Mitte').waitFor();
    expect(await form.getByLabel('Role at Linde Kreuzberg').inputValue()).toBe('waiter');
    await form.getByText('Left blank: stays as it is.').first().waitFor();
    await fillForm(page, 'hq-staff', { 'Role at Linde Kreuzberg': 'Manager' });
    await keepScreenshots(page, 'back-office-hq-staff-edit');
    await form.getByRole('button', { name: 'Save the changes' }).click();
    await lena
      .filter({ hasText: 'Lena W. · lena · active · Linde Kreuzberg: Manager, Linde Mitte: Waiter' })
      .waitFor();
    await page.getByRole('heading', { name: 'Add a person', level: 2 }).waitFor();

    await sitesTookIt();
    expect(await Promise.all(linked.map(roleAt))).toEqual([
      ['waiter', true],
      ['manager', true],
    ]);
    expect(await signInWithPin(linked[1])).toBe(200);

    // Deactivated: listed so, to be reactivated, and signing in at neither site.
    await directory.getByRole('button', { name: 'Deactivate Lena W.' }).click();
    await lena.filter({ hasText: 'Lena W. · lena · inactive ·' }).waitFor();
    await directory.getByRole('button', { name: 'Reactivate Lena W.' }).waitFor();
    await keepScreenshots(page, 'back-office-hq-staff-inactive');
    await sitesTookIt();
    expect(await signInWithPassword(linked[0])).toBe(401);
    expect(await signInWithPin(linked[1])).toBe(401);

    // In German: the list and the edit form, every text from the German catalogues.
    await page.getByLabel('Language', { exact: true }).selectOption('de');
    await page.getByRole('heading', { name: 'Mitarbeiter', level: 1 }).waitFor();
    await page
      .getByRole('region', { name: 'Das Verzeichnis' })
      .getByRole('listitem')
      .filter({ hasText: 'Lena W. · lena · deaktiviert · Linde Kreuzberg: Leitung, Linde Mitte: Service' })
      .waitFor();
    await page.getByRole('button', { name: 'Lena W. bearbeiten' }).click();
    await page.getByRole('heading', { name: 'Lena W. ändern', level: 2 }).waitFor();
    await page.locator('form#hq-staff').getByLabel('Rolle in Linde Kreuzberg').waitFor();
    await keepScreenshots(page, 'back-office-hq-staff-de');
    expect(untranslated(await shownTexts(page), [CATALOGUES.screens, CATALOGUES.backOffice], NAMES)).toEqual(
      [],
    );

    expect(problems).toEqual([]);
  });

  it('says under a person what a site could not take, and erases them everywhere once asked again', async () => {
    // Mitte's own Kim, and headquarters' Jonas at Mitte, renamed to her username: Mitte cannot take the name.
    const [mitte] = linked;
    await as(mitte.service, mitte.admin)
      .post('/api/v1/users')
      .send({ username: 'kim', displayName: 'Kim', password: 'kim-secret-1', role: 'waiter' })
      .expect(201);
    const jonas = await as(chain.hq, hqAdmin)
      .post('/api/v1/hq/staff')
      .send({
        username: 'jonas',
        displayName: 'Jonas',
        password: 'jonas-secret-1',
        sites: [{ siteId: mitte.id, role: 'waiter' }],
      })
      .expect(201);
    await as(chain.hq, hqAdmin)
      .patch(`/api/v1/hq/staff/${jonas.body.id}`)
      .send({ username: 'kim' })
      .expect(200);
    await eventually('headquarters hears Mitte’s problem with Jonas', async () => {
      const listed = await as(chain.hq, hqAdmin).get('/api/v1/hq/staff?perPage=100').expect(200);
      const person = (listed.body.items as Array<{ id: string; problems: unknown[] }>).find(
        (each) => each.id === jonas.body.id,
      );
      return person!.problems.length > 0;
    });

    const { page, problems } = await chain.backOffice(chain.hq.url, 'chainStaff');
    const directory = page.getByRole('region', { name: 'The directory' });
    const reported = directory.getByRole('list', { name: 'What the sites could not take of Jonas' });
    await reported
      .getByRole('listitem')
      .filter({ hasText: /^Linde Mitte could not take their last change \(.+\): .*kim/ })
      .waitFor();
    await keepScreenshots(page, 'back-office-hq-staff-problem');

    // Erased: asked once more first, then listed as erased without a button to change them.
    await directory.getByRole('button', { name: 'Erase Jonas' }).click();
    const confirm = page.getByRole('group', { name: 'Erase Jonas' });
    await confirm.getByText('Erase Jonas everywhere?', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Yes, erase them' }).click();
    await directory
      .getByRole('listitem')
      .filter({ hasText: `Erased · erased-${jonas.body.id as string} · erased · no site` })
      .waitFor();
    expect(await directory.getByRole('button', { name: 'Erase Erased' }).count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Erase Jonas' }).count()).toBe(0);
    await eventually('Mitte erased Jonas', async () => {
      return (
        (await as(mitte.service, mitte.admin).get(`/api/v1/users/${jonas.body.id as string}`)).status === 404
      );
    });
    expect(problems).toEqual([]);
  });

  it('shows a manager the directory without the form or the buttons that change it', async () => {
    const { page, problems } = await chain.backOffice(chain.hq.url, 'chainStaff', MANAGER);
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    const navigation = page.getByRole('navigation', { name: 'Screens' });
    expect(await navigation.getByRole('link').allTextContents()).toEqual(
      HQ_NAVIGATION.filter((screen) => !['Audit & security', 'Integrations'].includes(screen)),
    );
    const directory = page.getByRole('region', { name: 'The directory' });
    await directory.getByRole('listitem').filter({ hasText: 'Lena W. · lena · inactive' }).waitFor();
    await directory.getByText('An admin adds people').waitFor();
    expect(await page.getByRole('button', { name: /Edit|Deactivate|Reactivate|Erase/ }).count()).toBe(0);
    expect(await page.locator('form#hq-staff').count()).toBe(0);
    await keepScreenshots(page, 'back-office-hq-staff-manager');
    expect(problems).toEqual([]);
  });
});
