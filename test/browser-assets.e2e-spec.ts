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
      expect(script.text).toMatch(/^import\s*\{[^}]+\}\s*from\s*"\.\.\/\.\.\/chunks\/[\w-]+\.js"/);
    },
  );

  it('serves the web clients’ pages with their stylesheets and scripts under the same CSP', async () => {
    for (const path of ['/kitchen', '/pickup', '/waiter']) {
      const page = await t.http().get(path).expect(200);
      expect(String(page.headers['content-security-policy'])).toMatch(/script-src 'self' 'nonce-[^']+'/);
      const nonce = /'nonce-([^']+)'/.exec(String(page.headers['content-security-policy']))![1];
      const stylesheet = /<link rel="stylesheet" href="([^"]+)" nonce="([^"]+)"/.exec(page.text);
      expect(stylesheet?.[2]).toBe(nonce);
      const css = await t.http().get(stylesheet![1]).expect(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      const script = await t.http().get(scriptOf(page.text)!).expect(200);
      expect(script.text).toMatch(/^import/);
    }
  });

  it('serves the waiter tablet’s and the kitchen screen’s service workers with every file of their build to keep, and never for long', async () => {
    for (const screen of ['waiter', 'kitchen']) {
      const page = await t.http().get(`/${screen}`).expect(200);
      const worker = await t.http().get(`/${screen}-sw.js`).expect(200);
      expect(worker.headers['content-type']).toMatch(/^text\/javascript/);
      expect(worker.headers['cache-control']).toBe('no-cache');
      expect(worker.text).toContain(`self.SHELL = "/${screen}";`);
      const precache = JSON.parse(/^self\.PRECACHE = (\[.*\]);$/m.exec(worker.text)![1]) as string[];
      expect(precache).toContain(scriptOf(page.text));
      expect(precache.some((url) => url.endsWith('.css'))).toBe(true);
      expect(precache.filter((url) => url.includes('/chunks/')).length).toBeGreaterThan(0);
      for (const url of precache) await t.http().get(url).expect(200);
      const fingerprint = /^\/assets\/([0-9a-f]{16})\//.exec(scriptOf(page.text)!)![1];
      expect(worker.text).toContain(`self.CACHE_NAME = "${screen}-${fingerprint}";`);
      expect(worker.text).toMatch(/addEventListener\(["'`]fetch["'`]/);
    }
  });

  it('keeps the bundler’s manifest to itself', async () => {
    const page = await t.http().get('/kitchen').expect(200);
    const folder = scriptOf(page.text)!.replace(/clients\/kitchen\/main\.js$/, '');
    await t.http().get(`${folder}.vite/manifest.json`).expect(404);
  });

  it('answers an unknown asset with the API’s 404', async () => {
    const page = await t.http().get('/back-office').expect(200);
    const folder = scriptOf(page.text)!.replace(/[^/]+$/, '');
    const missing = await t.http().get(`${folder}nothing-here.js`).expect(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
  });
});
