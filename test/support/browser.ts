/** The browser tests' Chromium and where their screenshots are kept. */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserServer, Download, Page } from 'playwright-core';
import {
  CHROMIUM,
  connectChromium,
  LAPTOP,
  launchChromium,
  launchChromiumServer,
  TABLET,
} from '../../scripts/chromium';

export { CHROMIUM, LAPTOP, TABLET } from '../../scripts/chromium';

/** The global under which the global setup hands its browser servers to the teardown. */
export const WORKER_BROWSERS = 'posTestWorkerBrowsers';

/** Where the global setup tells the workers their browsers' endpoints (a JSON array, one per worker). */
const ENDPOINTS_VARIABLE = 'POS_TEST_CHROMIUM_ENDPOINTS';

/**
 * One Chromium per worker for the whole run, started by the global setup: a spec file connects to its worker's
 * rather than starting its own (a second or more of a busy machine's CPU per browser spec file). Null when there
 * is no Chromium to drive.
 */
export async function startWorkerBrowsers(workers: number): Promise<BrowserServer[] | null> {
  if (!existsSync(CHROMIUM)) return null;
  const servers = await Promise.all(Array.from({ length: workers }, () => launchChromiumServer()));
  process.env[ENDPOINTS_VARIABLE] = JSON.stringify(servers.map((server) => server.wsEndpoint()));
  return servers;
}

/**
 * This worker's Chromium, connected for this spec file: its `close()` closes the contexts the file opened and
 * disconnects, leaving the browser to the worker's next file. A spec run outside the suite's setup (or a worker
 * beyond those the setup started) launches a Chromium of its own.
 */
export function openChromium(): Promise<Browser> {
  const endpoints = JSON.parse(process.env[ENDPOINTS_VARIABLE] ?? '[]') as string[];
  const worker = Number(process.env.JEST_WORKER_ID ?? 0);
  const endpoint = endpoints[worker - 1];
  return endpoint ? connectChromium(endpoint) : launchChromium();
}

/**
 * Why the browser tests cannot run here, or null when they can. In CI (CI=true) they must run: a missing
 * Chromium fails them instead of skipping them.
 */
export function browserMissing(): string | null {
  if (existsSync(CHROMIUM) || process.env.CI === 'true') return null;
  return (
    `Browser tests skipped: no Chromium at ${CHROMIUM}. Install Debian's chromium package, or set ` +
    'CHROMIUM_PATH to a Chromium or Chrome executable.'
  );
}

/** `describe` for a browser spec: skipped, saying why, when there is no Chromium to drive. */
export function describeInBrowser(name: string, body: () => void): void {
  const missing = browserMissing();
  if (!missing) {
    describe(name, body);
    return;
  }
  process.stderr.write(`${missing}\n`);
  describe.skip(`${name} (${missing})`, body);
}

/**
 * A downloaded file's bytes, read through its stream: a browser this process connected to (the worker's) keeps
 * its downloads on its own side, where `download.path()` cannot reach them.
 */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Keeps a full-page screenshot as `test-artifacts/<name>.png`. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  const artifacts = join(__dirname, '..', '..', 'test-artifacts');
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true, caret: 'initial' });
}

/** Collects a page's CSP refusals and script errors as they happen: a spec expects none. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  return problems;
}

/** Keeps the page as it stands at a laptop's size and a tablet's, as `<name>-1280` and `<name>-1024`. */
export async function keepScreenshots(page: Page, name: string): Promise<void> {
  await keepScreenshot(page, `${name}-1280`);
  await page.setViewportSize(TABLET);
  await keepScreenshot(page, `${name}-1024`);
  await page.setViewportSize(LAPTOP);
}

/** Signs in on the back office's form that the page shows, by its labels (English unless given). */
export async function signInToBackOffice(
  page: Page,
  who: { username: string; password: string },
  labels = { username: 'Username', password: 'Password', submit: 'Sign in' },
): Promise<void> {
  await page.getByLabel(labels.username).fill(who.username);
  await page.getByLabel(labels.password).fill(who.password);
  await page.getByRole('button', { name: labels.submit }).click();
}

/** Fills the form `form#<form>` by its fields' labels: a select by the option's label, any other field by typing. */
export async function fillForm(page: Page, form: string, values: Record<string, string>): Promise<void> {
  const scope = page.locator(`form#${form}`);
  for (const [label, value] of Object.entries(values)) {
    const field = scope.getByLabel(label, { exact: true });
    if ((await field.and(scope.locator('select')).count()) > 0) {
      await field.selectOption({ label: value });
    } else await field.fill(value);
  }
}
