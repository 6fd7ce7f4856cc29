import { loginAdmin } from './support/clients';
import { factories } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/** The pages' scripts are real files: served from /assets/<fingerprint>/, cached for long, and allowed by the CSP. */
describe('The pages’ browser scripts', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  const scriptOf = (page: string) => /<script type="module" src="([^"]+)"/.exec(page)?.[1];

  it.each([['/back-office'], ['/t/:qrToken']])(
    '%s loads its script as a module, with no inline code',
    async (path) => {
      const table = await factories(t, await loginAdmin(t)).newTable('Patio 2');
      const page = await t.http().get(path.replace(':qrToken', table.qrToken)).expect(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      const src = scriptOf(page.text);
      expect(src).toMatch(/^\/assets\/[0-9a-f]{16}\/.+\.js$/);

      const script = await t.http().get(src!).expect(200);
      expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(script.text).toMatch(/^import /m);
    },
  );

  it('answers an unknown asset with the API’s 404', async () => {
    const page = await t.http().get('/back-office').expect(200);
    const folder = scriptOf(page.text)!.replace(/[^/]+$/, '');
    const missing = await t.http().get(`${folder}nothing-here.js`).expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
