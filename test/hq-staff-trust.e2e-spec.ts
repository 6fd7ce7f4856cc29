import request from 'supertest';
import { CredentialHasher } from '../src/users/credential-hasher';
import { linkSite, Site, SITE_IDENTITY, startSite, stopSites } from './support/chain-sites';
import { as, loginAdmin, Session } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

interface SiteEntry {
  id: string;
  role: string | null;
  erased: boolean;
  username: string | null;
  displayName: string | null;
  passwordHash: string | null;
  pinVerifier: string | null;
}
interface Person {
  id: string;
  username: string;
  displayName: string;
  erased: boolean;
  hasPassword: boolean;
  hasPin: boolean;
  version: number;
  problems: Array<{ siteId: string; problem: string }>;
}

/**
 * The staff directory across the link, as an auditor tries it: a site's credential takes only the people active
 * and assigned to that site, with their password hash and PIN verifier, never a PIN, and hears of anyone else only
 * when it had them (their id alone, which ends their access there); headquarters keeps no PIN it can read. One
 * entry a site cannot take is a problem named on that person, at the site and at headquarters, and blocks nothing
 * after it. Erasure at headquarters takes the person's secrets and name there and at the site.
 */
/**
 * A reply or row as text without its ids and one-way hashes: a UUID or a hash may hold a PIN's four digits by
 * chance (an id "8c09b09f-8a9a-4821-…" failed CI once), and neither can be read back into a PIN.
 */
const readable = (value: unknown): string =>
  JSON.stringify(value, (key, field: unknown) => (ONE_WAY_OR_ID.test(key) ? undefined : field));
const ONE_WAY_OR_ID = /^(id|pinKey|pinVerifier|pin_verifier|passwordHash|password_hash)$/;

describe('Headquarters and a site: the staff directory’s trust boundary', () => {
  let hq: TestApp;
  let hqAdmin: Session;
  let mitte: Site;
  const sites: Site[] = [];

  beforeAll(async () => {
    [hq, mitte] = await Promise.all([startTestApp({ POS_ROLE: 'hq' }), startSite('Mitte')]);
    sites.push(mitte);
    hqAdmin = await loginAdmin(hq);
    await linkSite(hq, hqAdmin, mitte, hq.url);
  }, 60_000);

  afterAll(async () => {
    await stopSites(sites);
    await hq?.close();
  });

  const hqCall = () => as(hq, hqAdmin);
  const atMitte = () => as(mitte.service, mitte.admin);

  /** A site added at headquarters and linked by hand: its id and the credential its service would keep. */
  async function siteCredential(name: string): Promise<{ id: string; credential: string }> {
    const added = await hqCall()
      .post('/api/v1/hq/sites')
      .send({ ...SITE_IDENTITY, name })
      .expect(201);
    const linked = await request(hq.url)
      .post('/api/v1/hq/link')
      .send({ code: added.body.linkCode })
      .expect(200);
    return { id: added.body.site.id as string, credential: linked.body.credential as string };
  }

  const pull = (credential: string, after = 0) =>
    request(hq.url).get(`/api/v1/hq/site/staff?after=${after}`).set('X-Site-Credential', credential);

  async function addPerson(body: object): Promise<Person> {
    return (await hqCall().post('/api/v1/hq/staff').send(body).expect(201)).body as Person;
  }

  const signIn = (username: string, password: string) =>
    request(mitte.service.url).post('/api/v1/auth/login').send({ username, password });
  const signInWithPin = (userId: string, pin: string) =>
    request(mitte.service.url).post('/api/v1/auth/pin').send({ userId, pin });

  /** Until Mitte holds the directory up to `version`. */
  const mitteHolds = (version: number) =>
    eventually(`Mitte holds directory version ${version}`, async () => {
      const link = (await atMitte().get('/api/v1/hq-link').expect(200)).body;
      return link.staff.version >= version ? (link.staff as { problems: Array<{ staffId: string }> }) : null;
    });

  it('gives a site only its own active people, with a PIN verifier and no PIN, and keeps none it can read', async () => {
    const [kreuzberg, hamburg] = [await siteCredential('Kreuzberg'), await siteCredential('Hamburg')];
    const anna = await addPerson({
      username: 'anna',
      displayName: 'Anna K.',
      password: 'anna-secret-1',
      pin: '4821',
      sites: [
        { siteId: kreuzberg.id, role: 'waiter' },
        { siteId: mitte.id, role: 'waiter' },
      ],
    });
    const ben = await addPerson({
      username: 'ben',
      displayName: 'Ben H.',
      password: 'ben-secret-1',
      pin: '7390',
      sites: [{ siteId: hamburg.id, role: 'manager' }],
    });
    const carl = await addPerson({
      username: 'carl',
      displayName: 'Carl D.',
      pin: '5512',
      sites: [{ siteId: kreuzberg.id, role: 'kitchen' }],
    });

    // Kreuzberg has Anna and Carl: each with what lets them in there, and no PIN in any form it could read.
    const first = (await pull(kreuzberg.credential).expect(200)).body as { staff: SiteEntry[] };
    expect(first.staff.map((entry) => entry.id).sort()).toEqual([anna.id, carl.id].sort());
    for (const entry of first.staff) {
      expect(Object.keys(entry)).not.toContain('pin');
      expect(entry.pinVerifier).toMatch(/^scrypt-shared\$/);
    }
    expect(readable(first)).not.toMatch(/4821|5512/);
    // Nothing of Hamburg's Ben reaches Kreuzberg, not even his id; Hamburg takes him and no one else.
    expect(JSON.stringify(first)).not.toContain(ben.id);
    const atHamburg = (await pull(hamburg.credential).expect(200)).body as { staff: SiteEntry[] };
    expect(atHamburg.staff.map((entry) => [entry.id, entry.role])).toEqual([[ben.id, 'manager']]);

    // Carl deactivated, Anna moved to Mitte only: Kreuzberg hears each as an id that ends their access.
    await hqCall().patch(`/api/v1/hq/staff/${carl.id}`).send({ active: false }).expect(200);
    await hqCall()
      .patch(`/api/v1/hq/staff/${anna.id}`)
      .send({ displayName: 'Anna Kowalski', sites: [{ siteId: mitte.id, role: 'waiter' }] })
      .expect(200);
    const after = Math.max(anna.version, carl.version);
    const second = (await pull(kreuzberg.credential, after).expect(200)).body as { staff: SiteEntry[] };
    const idOnly = { role: null, erased: false, username: null, displayName: null, passwordHash: null };
    expect(second.staff).toEqual([
      { id: carl.id, version: expect.any(Number), ...idOnly, pinVerifier: null },
      { id: anna.id, version: expect.any(Number), ...idOnly, pinVerifier: null },
    ]);

    // Headquarters keeps a verifier it can check and no PIN it could open.
    const [row] = await hq.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM hq_staff WHERE id = '${anna.id}'`,
    );
    expect(Object.keys(row)).not.toContain('pin_sealed');
    expect(readable(row)).not.toContain('4821');
    await expect(hq.app.get(CredentialHasher).verifyPin('4821', row.pin_verifier as string)).resolves.toBe(
      true,
    );

    // The site signs Anna in with her PIN against that verifier, under its own pepper.
    await mitteHolds(anna.version);
    await eventually('Anna signs in at Mitte with her PIN', async () => {
      return (await signInWithPin(anna.id, '4821')).status === 200;
    });
    await signInWithPin(anna.id, '4822').expect(401);
    // A change of someone Mitte never had moves its version all the same, and gives it nothing.
    const pia = await addPerson({ username: 'pia', displayName: 'Pia L.', pin: '1357', allSitesRole: null });
    const held = await mitteHolds(pia.version);
    expect(held.problems).toEqual([]);
    await atMitte().get(`/api/v1/users/${pia.id}`).expect(404);

    // A revoked credential takes nothing.
    await hqCall().delete(`/api/v1/hq/sites/${kreuzberg.id}/credential`).expect(204);
    await pull(kreuzberg.credential).expect(401);
    await pull('site_forged').expect(401);
  });

  it('names a person the site cannot rename on that person, at the site and at headquarters, and blocks nothing', async () => {
    // Mitte's own Kim, and headquarters' Lena, who signs in there.
    await atMitte()
      .post('/api/v1/users')
      .send({ username: 'kim', displayName: 'Kim (Mitte)', role: 'waiter', password: 'kim-secret-1' })
      .expect(201);
    const lena = await addPerson({
      username: 'lena',
      displayName: 'Lena W.',
      password: 'lena-secret-1',
      sites: [{ siteId: mitte.id, role: 'waiter' }],
    });
    await mitteHolds(lena.version);
    await signIn('lena', 'lena-secret-1').expect(200);

    // Renamed to Mitte's Kim's username: Mitte keeps her as Lena and says why, on her.
    const renamed = (
      await hqCall().patch(`/api/v1/hq/staff/${lena.id}`).send({ username: 'kim' }).expect(200)
    ).body as Person;
    const held = await mitteHolds(renamed.version);
    expect(held.problems).toEqual([{ staffId: lena.id, problem: expect.stringContaining('kim') }]);
    const problems = await eventually('headquarters shows Mitte’s problem on Lena', async () => {
      const list = (await hqCall().get('/api/v1/hq/staff?perPage=100').expect(200)).body as {
        items: Person[];
      };
      const person = list.items.find((entry) => entry.id === lena.id)!;
      return person.problems.length > 0 ? person.problems : null;
    });
    expect(problems).toEqual([
      { siteId: mitte.id, problem: expect.stringContaining('kim'), reportedAt: expect.any(String) },
    ]);
    await signIn('kim', 'kim-secret-1').expect(200);

    // Deactivated: that applies at Mitte whatever her name, and so does everything after it.
    const deactivated = (
      await hqCall().patch(`/api/v1/hq/staff/${lena.id}`).send({ active: false }).expect(200)
    ).body as Person;
    const omar = await addPerson({
      username: 'omar',
      displayName: 'Omar S.',
      password: 'omar-secret-1',
      sites: [{ siteId: mitte.id, role: 'manager' }],
    });
    expect(omar.version).toBeGreaterThan(deactivated.version);
    const later = await mitteHolds(omar.version);
    expect(later.problems).toEqual([]);
    await signIn('lena', 'lena-secret-1').expect(401);
    await signIn('omar', 'omar-secret-1').expect(200);
    await eventually('headquarters shows no problem on Lena any more', async () => {
      const list = (await hqCall().get('/api/v1/hq/staff?perPage=100').expect(200)).body as {
        items: Person[];
      };
      return list.items.find((entry) => entry.id === lena.id)!.problems.length === 0;
    });

    // A publication reaches Mitte too.
    await hqCall().put('/api/v1/hq/catalog/categories/soups').send({ name: 'Soups' }).expect(200);
    const published = await hqCall().post('/api/v1/hq/publications').send({ note: 'Soups' }).expect(201);
    await eventually('Mitte applied the publication', async () => {
      const view = (await hqCall().get(`/api/v1/hq/publications/${published.body.id}`).expect(200)).body;
      return view.applied === 1;
    });
  });

  it('erases a person at headquarters and at the site: no secrets, no name', async () => {
    const mia = await addPerson({
      username: 'mia',
      displayName: 'Mia R.',
      password: 'mia-secret-1',
      pin: '2468',
      sites: [{ siteId: mitte.id, role: 'waiter' }],
    });
    await mitteHolds(mia.version);
    await signIn('mia', 'mia-secret-1').expect(200);

    await hqCall().delete(`/api/v1/hq/staff/${mia.id}`).expect(204);
    const list = (await hqCall().get('/api/v1/hq/staff?perPage=100').expect(200)).body as { items: Person[] };
    expect(list.items.find((entry) => entry.id === mia.id)).toMatchObject({
      username: `erased-${mia.id}`,
      displayName: 'Erased',
      erased: true,
      hasPassword: false,
      hasPin: false,
      problems: [],
    });
    const [row] = await hq.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT * FROM hq_staff WHERE id = '${mia.id}'`,
    );
    expect(row).toMatchObject({ password_hash: null, pin_verifier: null });
    expect(JSON.stringify(row)).not.toContain('Mia R.');
    // Nothing of her changes any more.
    await hqCall().patch(`/api/v1/hq/staff/${mia.id}`).send({ displayName: 'Mia' }).expect(409);
    await hqCall().delete(`/api/v1/hq/staff/${mia.id}`).expect(409);

    // Mitte erases her too: no orders name her, so her user is gone.
    await eventually('Mitte erased Mia', async () => {
      return (await atMitte().get(`/api/v1/users/${mia.id}`)).status === 404;
    });
    await signIn('mia', 'mia-secret-1').expect(401);
    await signInWithPin(mia.id, '2468').expect(401);
  });
});
